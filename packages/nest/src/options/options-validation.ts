import * as z from 'zod';
import { WXLOGIN_DEFAULTS, type WxLoginOptions, type WxLoginSettings } from './wxlogin-options';

/** One thing wrong with the options: which (a dotted path, e.g. `apps.1.appId`) and why. */
export interface WxLoginOptionProblem {
  readonly option: string;
  readonly message: string;
}

/** Thrown by `WxLoginModule` at boot; its message names every bad option. */
export class WxLoginOptionsError extends Error {
  constructor(readonly problems: readonly WxLoginOptionProblem[]) {
    super(
      `Invalid WxLoginModule options:\n  - ${problems.map((p) => `${p.option}: ${p.message}`).join('\n  - ')}`,
    );
    this.name = 'WxLoginOptionsError';
  }
}

const APP_ID = /^wx[0-9a-f]{16}$/i;
const APP_SECRET = /^[0-9A-Za-z]{16,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const wholeIn = (min: number, max: number, fallback: number) =>
  z.number().int().min(min).max(max).default(fallback);

const httpUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL')
  .transform((url) => url.replace(/\/+$/, ''));

const wxApp = z.object({
  appId: z.string().regex(APP_ID, 'not a WeChat AppID (wx + 16 hex digits)'),
  // The message never repeats the value: it is a secret.
  secret: z.string().regex(APP_SECRET, 'not an AppSecret (16–64 letters and digits)'),
});

const apps = z
  .array(wxApp)
  .min(1, 'at least one mini-program is required')
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((app, index) => {
      const id = app.appId.toLowerCase();
      if (seen.has(id)) {
        context.addIssue({ code: 'custom', path: [index, 'appId'], message: 'listed twice' });
      }
      seen.add(id);
    });
  });

const bytes = z.union([z.string(), z.instanceof(Buffer)]);

const jwtSecret = bytes
  .transform((value) => (typeof value === 'string' ? Buffer.from(value) : value))
  .refine((key) => key.length >= 32, 'must be at least 32 bytes');

const sessionKeyEncryptionKey = bytes
  .refine(
    (value) => typeof value !== 'string' || BASE64.test(value),
    'must be 32 bytes or their base64 (openssl rand -base64 32)',
  )
  .transform((value) => (typeof value === 'string' ? Buffer.from(value, 'base64') : value))
  .refine((key) => key.length === 32, 'must be 32 bytes (openssl rand -base64 32)');

const optionsSchema = z.object({
  apps,
  jwtSecret,
  sessionKeyEncryptionKey,
  publicBaseUrl: httpUrl,
  accessTokenTtlSeconds: wholeIn(30, 86400, WXLOGIN_DEFAULTS.accessTokenTtlSeconds),
  refreshTokenTtlSeconds: wholeIn(300, 365 * 86400, WXLOGIN_DEFAULTS.refreshTokenTtlSeconds),
  refreshReuseIntervalSeconds: wholeIn(0, 300, WXLOGIN_DEFAULTS.refreshReuseIntervalSeconds),
  sessionKeyGraceSeconds: wholeIn(0, 3600, WXLOGIN_DEFAULTS.sessionKeyGraceSeconds),
  wechatApiBaseUrl: httpUrl.default(WXLOGIN_DEFAULTS.wechatApiBaseUrl),
  wechatTimeoutMs: wholeIn(100, 60_000, WXLOGIN_DEFAULTS.wechatTimeoutMs),
  rateLimitPerMinute: wholeIn(1, 10_000_000, WXLOGIN_DEFAULTS.rateLimitPerMinute),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  redisTimeoutMs: wholeIn(10, 10_000, WXLOGIN_DEFAULTS.redisTimeoutMs),
  sessionRetentionDays: wholeIn(0, 3650, WXLOGIN_DEFAULTS.sessionRetentionDays),
  sessionPurgeIntervalSeconds: wholeIn(0, 7 * 86400, WXLOGIN_DEFAULTS.sessionPurgeIntervalSeconds),
});

function problemsOf(error: z.ZodError): WxLoginOptionProblem[] {
  return error.issues.map((issue) => ({
    option: issue.path.map(String).join('.') || '(options)',
    message: issue.message,
  }));
}

/**
 * Validates the options and fills in the defaults (what `WxLoginModule` does at boot).
 * @throws WxLoginOptionsError naming every bad option
 */
export function parseWxLoginOptions(options: WxLoginOptions): WxLoginSettings {
  const { logger: _logger, ...settings } = options;
  const parsed = optionsSchema.safeParse(settings);
  if (!parsed.success) throw new WxLoginOptionsError(problemsOf(parsed.error));
  return { ...parsed.data, redisUrl: parsed.data.redisUrl };
}

/**
 * The problems of the options that are given, leaving out the ones that are not: for a host that
 * validates its own configuration before it has all of it (its mini-programs may come later, e.g.
 * from a simulator in development), naming its own variables for ours.
 */
export function checkWxLoginOptions(
  options: Partial<Omit<WxLoginOptions, 'logger'>>,
): WxLoginOptionProblem[] {
  const parsed = optionsSchema.partial().safeParse(options);
  return parsed.success ? [] : problemsOf(parsed.error);
}
