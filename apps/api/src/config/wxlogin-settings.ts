import {
  checkWxLoginOptions,
  type WxApp,
  type WxLoginLogger,
  type WxLoginOptions,
} from '@wxlogin/nest';
import type { RawEnv } from './env-schema';
import type { ConfiguredApps } from './wechat-apps';

/**
 * What the environment says for the login module (`@wxlogin/nest`); a setting left unset takes
 * the module's default. The apps and WeChat's base URL are not here: the WeChat endpoint gives
 * them (the configured ones, or the dev simulator's).
 */
export type WxLoginEnvSettings = Omit<WxLoginOptions, 'apps' | 'wechatApiBaseUrl' | 'logger'>;

type CheckedOption = Exclude<keyof WxLoginOptions, 'apps' | 'logger'>;

/** The variable behind each option, to name it in a problem. */
const VARIABLE_OF: Record<CheckedOption, string> = {
  jwtSecret: 'JWT_SECRET',
  sessionKeyEncryptionKey: 'SESSION_KEY_ENCRYPTION_KEY',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  accessTokenTtlSeconds: 'ACCESS_TOKEN_TTL',
  refreshTokenTtlSeconds: 'REFRESH_TOKEN_TTL',
  refreshReuseIntervalSeconds: 'REFRESH_REUSE_INTERVAL_SECONDS',
  sessionKeyGraceSeconds: 'SESSION_KEY_GRACE_SECONDS',
  wechatApiBaseUrl: 'WECHAT_API_BASE',
  wechatTimeoutMs: 'WECHAT_TIMEOUT_MS',
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  redisUrl: 'REDIS_URL',
  redisTimeoutMs: 'REDIS_TIMEOUT_MS',
  sessionRetentionDays: 'SESSION_RETENTION_DAYS',
  sessionPurgeIntervalSeconds: 'SESSION_PURGE_INTERVAL_SECONDS',
};

/** The placeholders of `.env.example` start like this; refused in production. */
export const EXAMPLE_VALUE = /^(change-me|replace-with)/i;

// Development/test-only defaults, clearly not secret: used with a warning when the variables are
// unset outside production, and refused in production like the example values above.
const DEV_JWT_SECRET = 'wxlogin-development-only-jwt-secret-not-for-production';
const DEV_SESSION_KEY_ENCRYPTION_KEY = Buffer.alloc(32, 'wxlogin-dev-only').toString('base64');
const DEV_SECRETS = new Set([DEV_JWT_SECRET, DEV_SESSION_KEY_ENCRYPTION_KEY]);

interface Findings {
  readonly isProduction: boolean;
  readonly problems: string[];
  readonly warnings: string[];
}

function secretOrDefault(
  variable: 'JWT_SECRET' | 'SESSION_KEY_ENCRYPTION_KEY',
  value: string | undefined,
  devDefault: string,
  { isProduction, problems, warnings }: Findings,
): string {
  if (value === undefined) {
    if (isProduction) problems.push(`${variable}: required in production`);
    else warnings.push(`${variable} is unset: using the fixed development-only default`);
    return devDefault;
  }
  if (isProduction && (EXAMPLE_VALUE.test(value) || DEV_SECRETS.has(value))) {
    problems.push(`${variable}: still the example/development value; generate a real secret`);
  }
  return value;
}

/** A problem the module found with one of the apps, under the variable that named the app. */
function appProblem(configured: ConfiguredApps, path: readonly string[], message: string): string {
  const index = Number(path[1]);
  const app: WxApp | undefined = configured.apps[index];
  const variable = configured.sources[index] ?? 'WX_APPID or WX_APPS';
  if (app === undefined) return `${variable}: ${message}`;
  return `${variable}: ${app.appId}${path[2] === 'secret' ? ' (its secret)' : ''}: ${message}`;
}

/**
 * The module's settings from the environment, checked by the module's own rules now, at boot,
 * so that a bad variable is named with the others (`VARIABLE: problem`).
 */
export function readWxLoginSettings(
  raw: RawEnv,
  configured: ConfiguredApps,
  publicBaseUrl: string,
  findings: Findings,
): WxLoginEnvSettings {
  const settings: WxLoginEnvSettings = {
    jwtSecret: secretOrDefault('JWT_SECRET', raw.JWT_SECRET, DEV_JWT_SECRET, findings),
    sessionKeyEncryptionKey: secretOrDefault(
      'SESSION_KEY_ENCRYPTION_KEY',
      raw.SESSION_KEY_ENCRYPTION_KEY,
      DEV_SESSION_KEY_ENCRYPTION_KEY,
      findings,
    ),
    publicBaseUrl,
    accessTokenTtlSeconds: raw.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: raw.REFRESH_TOKEN_TTL,
    refreshReuseIntervalSeconds: raw.REFRESH_REUSE_INTERVAL_SECONDS,
    sessionKeyGraceSeconds: raw.SESSION_KEY_GRACE_SECONDS,
    wechatTimeoutMs: raw.WECHAT_TIMEOUT_MS,
    rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE,
    redisUrl: raw.REDIS_URL,
    redisTimeoutMs: raw.REDIS_TIMEOUT_MS,
    sessionRetentionDays: raw.SESSION_RETENTION_DAYS,
    sessionPurgeIntervalSeconds: raw.SESSION_PURGE_INTERVAL_SECONDS,
  };
  // An example placeholder is named as such above (in production), not as a malformed key too.
  const isExample = (value: unknown) => typeof value === 'string' && EXAMPLE_VALUE.test(value);
  const checked = Object.fromEntries(
    Object.entries({
      ...settings,
      apps: configured.apps.length > 0 ? configured.apps : undefined,
      wechatApiBaseUrl: raw.WECHAT_API_BASE,
    }).filter(([option, value]) => {
      if (value === undefined) return false;
      return !(option === 'jwtSecret' || option === 'sessionKeyEncryptionKey') || !isExample(value);
    }),
  );
  for (const { option, message } of checkWxLoginOptions(checked)) {
    const path = option.split('.');
    findings.problems.push(
      path[0] === 'apps'
        ? appProblem(configured, path, message)
        : `${VARIABLE_OF[path[0] as CheckedOption] ?? option}: ${message}`,
    );
  }
  return settings;
}

/** The module's options: the environment's settings, WeChat's endpoint and the host's logger. */
export function wxLoginOptions(
  settings: WxLoginEnvSettings,
  wechat: { readonly baseUrl: string; readonly apps: readonly WxApp[] },
  logger: WxLoginLogger,
): WxLoginOptions {
  return { ...settings, apps: wechat.apps, wechatApiBaseUrl: wechat.baseUrl, logger };
}
