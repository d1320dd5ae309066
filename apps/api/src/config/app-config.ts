import { isIP } from 'node:net';
import { resolve } from 'node:path';
import * as z from 'zod';

/** A WeChat mini-program the API serves: its AppID and AppSecret. */
export interface WxApp {
  readonly appId: string;
  readonly secret: string;
}

export type NodeEnv = 'development' | 'test' | 'production';

/** Bounds on every wait for PostgreSQL, in milliseconds (see database/database-options.ts). */
export interface DatabaseTimeouts {
  /** Getting a connection from the pool: a free one or a new one, handshake included. */
  readonly connectMs: number;
  /** Server side: PostgreSQL cancels a statement running longer (SQLSTATE 57014). */
  readonly statementMs: number;
  /** Client side: a query unanswered this long fails and its connection is dropped. */
  readonly queryMs: number;
  /** Server side: a session idle inside a transaction this long is ended (its work rolled back). */
  readonly idleInTransactionMs: number;
}

/**
 * The API's whole configuration, read once from the environment at boot (see {@link loadConfig}).
 * Nothing else in the API reads `process.env`.
 */
export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  /** Absent outside production ⇒ an embedded PostgreSQL is started (see database/). */
  readonly databaseUrl: string | undefined;
  readonly embeddedPg: { readonly dir: string; readonly port: number };
  readonly migrateOnStart: boolean;
  readonly databaseTimeouts: DatabaseTimeouts;
  /**
   * Once a request has arrived, the API answers within this many ms: what is still waiting then
   * (the database, WeChat) is answered SERVICE_UNAVAILABLE.
   */
  readonly requestDeadlineMs: number;
  /** A request's headers and body must arrive within this many ms, else 408 REQUEST_TIMEOUT. */
  readonly requestBodyTimeoutMs: number;
  /**
   * WeChat's server base URL without trailing slash. `undefined` only when no app is configured
   * outside production: the dev wiring then finds or starts the simulator.
   */
  readonly wechatApiBase: string | undefined;
  readonly wechatTimeoutMs: number;
  /** Configured apps, the first is the default; empty only in development/test (simulator). */
  readonly apps: readonly WxApp[];
  readonly simPort: number;
  readonly jwtSecret: Buffer;
  readonly sessionKeyEncryptionKey: Buffer;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /**
   * How long a rotated refresh token, presented again, gets the same successor pair instead of
   * revoking its session (a retry after a lost answer); 0 = never.
   */
  readonly refreshReuseIntervalSeconds: number;
  /** How long after a session_key rotation open data encrypted with the previous key is accepted. */
  readonly sessionKeyGraceSeconds: number;
  readonly corsOrigins: readonly string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly publicBaseUrl: string;
  readonly rateLimitPerMinute: number;
  /**
   * Redis shared by the instances (rate limit, double-tap guard); `undefined` = each process on
   * its own, as a single instance needs.
   */
  readonly redisUrl: string | undefined;
  /** Bound on connecting to Redis and on each command; past it the caller goes on without. */
  readonly redisTimeoutMs: number;
  /**
   * Which peers' X-Forwarded-For is believed for the client IP (Fastify's `trustProxy`): `false`
   * (the TCP peer is the client), a number of proxy hops, or addresses/CIDRs/proxy-addr names.
   */
  readonly trustProxy: false | number | readonly string[];
  /** Sessions expired or revoked longer ago than this are deleted, with their used tokens. */
  readonly sessionRetentionDays: number;
  /** How often each instance deletes them; 0 = never (run it elsewhere). */
  readonly sessionPurgeIntervalSeconds: number;
  /** Warnings produced while loading (dev defaults in use); logged once the logger exists. */
  readonly warnings: readonly string[];
}

/** Thrown by {@link loadConfig}; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The placeholders of `.env.example` start like this; refused in production. */
const EXAMPLE_VALUE = /^(change-me|replace-with)/i;
/** The example AppID of `.env.example`. */
const EXAMPLE_APP_ID = 'wx0123456789abcdef';

// Development/test-only defaults, clearly not secret: used with a warning when the variables are
// unset outside production, and refused in production like the example values above.
const DEV_JWT_SECRET = 'wxlogin-development-only-jwt-secret-not-for-production';
const DEV_SESSION_KEY_ENCRYPTION_KEY = Buffer.alloc(32, 'wxlogin-dev-only').toString('base64');
const DEV_SECRETS = new Set([DEV_JWT_SECRET, DEV_SESSION_KEY_ENCRYPTION_KEY]);

/** `apps/api`, whether running from src/ (nest start, jest) or dist/. */
const API_ROOT = resolve(__dirname, '..', '..');

const APP_ID = /^wx[0-9a-f]{16}$/i;
const SECRET = /^[0-9A-Za-z]{16,64}$/;

const emptyAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const intIn = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
const booleanFlag = z.preprocess(
  emptyAsUndefined,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .optional(),
);
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyAsUndefined,
    z.enum(['development', 'test', 'production']).default('development'),
  ),
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  PORT: intIn(0, 65535, 3000),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  DB_MIGRATE_ON_START: booleanFlag,
  EMBEDDED_PG_DIR: optionalString,
  EMBEDDED_PG_PORT: intIn(1, 65535, 54329),
  DB_CONNECT_TIMEOUT_MS: intIn(100, 60_000, 2000),
  DB_STATEMENT_TIMEOUT_MS: intIn(100, 600_000, 4000),
  DB_QUERY_TIMEOUT_MS: intIn(100, 600_000, 5000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: intIn(100, 600_000, 10_000),
  REQUEST_DEADLINE_MS: intIn(100, 120_000, 8000),
  REQUEST_BODY_TIMEOUT_MS: intIn(100, 600_000, 10_000),
  WECHAT_API_BASE: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  WECHAT_TIMEOUT_MS: intIn(100, 60000, 5000),
  WX_APPID: optionalString,
  WX_SECRET: optionalString,
  WX_APPS: optionalString,
  SIM_PORT: intIn(0, 65535, 3001),
  JWT_SECRET: optionalString,
  SESSION_KEY_ENCRYPTION_KEY: optionalString,
  ACCESS_TOKEN_TTL: intIn(30, 86400, 900),
  REFRESH_TOKEN_TTL: intIn(300, 365 * 86400, 2592000),
  REFRESH_REUSE_INTERVAL_SECONDS: intIn(0, 300, 20),
  SESSION_KEY_GRACE_SECONDS: intIn(0, 3600, 300),
  CORS_ORIGINS: optionalString,
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  RATE_LIMIT_PER_MINUTE: intIn(1, 10_000_000, 120),
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  REDIS_TIMEOUT_MS: intIn(10, 10_000, 500),
  TRUST_PROXY: optionalString,
  SESSION_RETENTION_DAYS: intIn(0, 3650, 30),
  SESSION_PURGE_INTERVAL_SECONDS: intIn(0, 7 * 86400, 3600),
});

type Env = Record<string, string | undefined>;

function parseApps(raw: z.infer<typeof envSchema>, problems: string[]): WxApp[] {
  const apps: WxApp[] = [];
  const check = (variable: string, appId: string, secret: string) => {
    if (!APP_ID.test(appId))
      problems.push(`${variable}: "${appId}" is not a WeChat AppID (wx + 16 hex)`);
    else if (!SECRET.test(secret))
      problems.push(`${variable}: the secret for ${appId} is malformed`);
    else if (apps.some((a) => a.appId === appId))
      problems.push(`${variable}: ${appId} listed twice`);
    else apps.push({ appId, secret });
  };
  if (raw.WX_APPID !== undefined || raw.WX_SECRET !== undefined) {
    if (raw.WX_APPID === undefined) problems.push('WX_APPID: required when WX_SECRET is set');
    else if (raw.WX_SECRET === undefined) problems.push('WX_SECRET: required when WX_APPID is set');
    else check('WX_APPID', raw.WX_APPID, raw.WX_SECRET);
  }
  if (raw.WX_APPS !== undefined) {
    for (const entry of raw.WX_APPS.split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [appId, secret, ...rest] = entry.split(':');
      if (appId === undefined || secret === undefined || rest.length > 0) {
        problems.push(`WX_APPS: entry "${appId ?? ''}:…" must be appid:secret`);
      } else {
        check('WX_APPS', appId, secret);
      }
    }
  }
  return apps;
}

/** proxy-addr's names for address ranges, as Fastify's `trustProxy` accepts them. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset/`false` ⇒ no proxy; a whole number ⇒ that many hops; otherwise addresses,
 * CIDRs or `loopback`/`linklocal`/`uniquelocal`, comma-separated. `true` (believe any peer) is
 * refused: any client could then pick its own IP and escape the rate limit.
 */
function parseTrustProxy(value: string | undefined, problems: string[]): AppConfig['trustProxy'] {
  if (value === undefined || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
    problems.push('TRUST_PROXY: a number of hops must be from 1 to 10');
    return false;
  }
  if (value === 'true') {
    problems.push(
      'TRUST_PROXY: "true" would let any client choose its IP; name the proxies (addresses, CIDRs, loopback…) or a hop count',
    );
    return false;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) {
      problems.push(
        `TRUST_PROXY: "${entry}" is not an IP address, a CIDR or loopback/linklocal/uniquelocal`,
      );
    }
  }
  return entries;
}

function secretOrDefault(
  variable: 'JWT_SECRET' | 'SESSION_KEY_ENCRYPTION_KEY',
  value: string | undefined,
  isProduction: boolean,
  devDefault: string,
  problems: string[],
  warnings: string[],
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

/**
 * Validates the environment once and returns the typed configuration.
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  let parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name every bad variable, then go on without them so that the checks below (which need
    // the parsed values) report their problems in the same error.
    const badVariables = new Set<string>();
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0]);
      badVariables.add(variable);
      problems.push(`${variable}: ${issue.message}`);
    }
    parsed = envSchema.safeParse(
      Object.fromEntries(Object.entries(env).filter(([name]) => !badVariables.has(name))),
    );
    if (!parsed.success) throw new ConfigError(problems);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';

  const apps = parseApps(raw, problems);
  if (isProduction && apps.some((app) => app.appId === EXAMPLE_APP_ID)) {
    problems.push(`WX_APPID or WX_APPS: ${EXAMPLE_APP_ID} is the example AppID`);
  }
  if (isProduction && apps.length === 0) {
    problems.push(
      'WX_APPID/WX_SECRET or WX_APPS: at least one WeChat app is required in production',
    );
  }
  if (isProduction && raw.DATABASE_URL === undefined) {
    problems.push('DATABASE_URL: required in production');
  }

  const jwtSecret = secretOrDefault(
    'JWT_SECRET',
    raw.JWT_SECRET,
    isProduction,
    DEV_JWT_SECRET,
    problems,
    warnings,
  );
  if (!EXAMPLE_VALUE.test(jwtSecret) && Buffer.byteLength(jwtSecret) < 32)
    problems.push('JWT_SECRET: must be at least 32 characters');

  const encryptionKeyText = secretOrDefault(
    'SESSION_KEY_ENCRYPTION_KEY',
    raw.SESSION_KEY_ENCRYPTION_KEY,
    isProduction,
    DEV_SESSION_KEY_ENCRYPTION_KEY,
    problems,
    warnings,
  );
  const encryptionKey = Buffer.from(encryptionKeyText, 'base64');
  const isWellFormedKey =
    encryptionKey.length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(encryptionKeyText);
  if (!EXAMPLE_VALUE.test(encryptionKeyText) && !isWellFormedKey) {
    problems.push('SESSION_KEY_ENCRYPTION_KEY: must be 32 bytes, base64 (openssl rand -base64 32)');
  }

  const corsOrigins = (raw.CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
    }
  }

  const trustProxy = parseTrustProxy(raw.TRUST_PROXY, problems);

  // PostgreSQL's own cancel (57014) leaves the connection usable; the client-side timer is for a
  // server that does not answer at all, so it must not fire first.
  if (raw.DB_QUERY_TIMEOUT_MS < raw.DB_STATEMENT_TIMEOUT_MS) {
    problems.push('DB_QUERY_TIMEOUT_MS: must be at least DB_STATEMENT_TIMEOUT_MS');
  }
  // A login waits for one WeChat call; its own timeout answers WX_UNAVAILABLE (which tells the
  // client the code may be spent), so the request deadline must leave room for it.
  if (raw.REQUEST_DEADLINE_MS <= raw.WECHAT_TIMEOUT_MS) {
    problems.push('REQUEST_DEADLINE_MS: must be longer than WECHAT_TIMEOUT_MS');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const publicHost = raw.HOST === '0.0.0.0' || raw.HOST === '::' ? '127.0.0.1' : raw.HOST;
  return {
    nodeEnv: raw.NODE_ENV,
    host: raw.HOST,
    port: raw.PORT,
    databaseUrl: raw.DATABASE_URL,
    embeddedPg: {
      dir: resolve(raw.EMBEDDED_PG_DIR ?? resolve(API_ROOT, '.data', 'postgres')),
      port: raw.EMBEDDED_PG_PORT,
    },
    migrateOnStart: raw.DB_MIGRATE_ON_START ?? !isProduction,
    databaseTimeouts: {
      connectMs: raw.DB_CONNECT_TIMEOUT_MS,
      statementMs: raw.DB_STATEMENT_TIMEOUT_MS,
      queryMs: raw.DB_QUERY_TIMEOUT_MS,
      idleInTransactionMs: raw.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    requestDeadlineMs: raw.REQUEST_DEADLINE_MS,
    requestBodyTimeoutMs: raw.REQUEST_BODY_TIMEOUT_MS,
    wechatApiBase:
      raw.WECHAT_API_BASE ?? (apps.length > 0 ? 'https://api.weixin.qq.com' : undefined),
    wechatTimeoutMs: raw.WECHAT_TIMEOUT_MS,
    apps,
    simPort: raw.SIM_PORT,
    jwtSecret: Buffer.from(jwtSecret),
    sessionKeyEncryptionKey: encryptionKey,
    accessTokenTtlSeconds: raw.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: raw.REFRESH_TOKEN_TTL,
    refreshReuseIntervalSeconds: raw.REFRESH_REUSE_INTERVAL_SECONDS,
    sessionKeyGraceSeconds: raw.SESSION_KEY_GRACE_SECONDS,
    corsOrigins,
    logLevel: raw.LOG_LEVEL,
    publicBaseUrl: raw.PUBLIC_BASE_URL ?? `http://${publicHost}:${raw.PORT}`,
    rateLimitPerMinute: raw.RATE_LIMIT_PER_MINUTE,
    redisUrl: raw.REDIS_URL,
    redisTimeoutMs: raw.REDIS_TIMEOUT_MS,
    trustProxy,
    sessionRetentionDays: raw.SESSION_RETENTION_DAYS,
    sessionPurgeIntervalSeconds: raw.SESSION_PURGE_INTERVAL_SECONDS,
    warnings,
  };
}
