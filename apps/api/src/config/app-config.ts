import { resolve } from 'node:path';
import { WXLOGIN_DEFAULTS, type WxApp } from '@wxlogin/nest';
import { type Env, parseEnv } from './env-schema';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';
import { readApps } from './wechat-apps';
import { readWxLoginSettings, type WxLoginEnvSettings } from './wxlogin-settings';

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
  /** Configured apps, the first is the default; empty only in development/test (simulator). */
  readonly apps: readonly WxApp[];
  readonly simPort: number;
  readonly corsOrigins: readonly string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where clients reach the API (avatar URLs, the OpenAPI document's server). */
  readonly publicBaseUrl: string;
  readonly trustProxy: TrustProxy;
  /** The login module's settings (tokens, secrets, WeChat timeout, Redis, limits, sessions). */
  readonly wxlogin: WxLoginEnvSettings;
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

/** The example AppID of `.env.example`. */
const EXAMPLE_APP_ID = 'wx0123456789abcdef';

/** `apps/api`, whether running from src/ (nest start, jest) or dist/. */
const API_ROOT = resolve(__dirname, '..', '..');

function parseOrigins(value: string | undefined, problems: string[]): string[] {
  const origins = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
    }
  }
  return origins;
}

/**
 * Validates the environment once and returns the typed configuration.
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const raw = parseEnv(env, problems);
  if (raw === undefined) throw new ConfigError(problems);
  const isProduction = raw.NODE_ENV === 'production';

  const configured = readApps(raw, problems);
  if (isProduction && configured.apps.some((app) => app.appId === EXAMPLE_APP_ID)) {
    problems.push(`WX_APPID or WX_APPS: ${EXAMPLE_APP_ID} is the example AppID`);
  }
  if (isProduction && configured.apps.length === 0) {
    problems.push(
      'WX_APPID/WX_SECRET or WX_APPS: at least one WeChat app is required in production',
    );
  }
  if (isProduction && raw.DATABASE_URL === undefined) {
    problems.push('DATABASE_URL: required in production');
  }

  const publicHost = raw.HOST === '0.0.0.0' || raw.HOST === '::' ? '127.0.0.1' : raw.HOST;
  const publicBaseUrl = raw.PUBLIC_BASE_URL ?? `http://${publicHost}:${raw.PORT}`;
  const wxlogin = readWxLoginSettings(raw, configured, publicBaseUrl, {
    isProduction,
    problems,
    warnings,
  });
  const corsOrigins = parseOrigins(raw.CORS_ORIGINS, problems);
  const trustProxy = parseTrustProxy(raw.TRUST_PROXY, problems);

  // PostgreSQL's own cancel (57014) leaves the connection usable; the client-side timer is for a
  // server that does not answer at all, so it must not fire first.
  if (raw.DB_QUERY_TIMEOUT_MS < raw.DB_STATEMENT_TIMEOUT_MS) {
    problems.push('DB_QUERY_TIMEOUT_MS: must be at least DB_STATEMENT_TIMEOUT_MS');
  }
  // A login waits for one WeChat call; its own timeout answers WX_UNAVAILABLE (which tells the
  // client the code may be spent), so the request deadline must leave room for it.
  if (raw.REQUEST_DEADLINE_MS <= (raw.WECHAT_TIMEOUT_MS ?? WXLOGIN_DEFAULTS.wechatTimeoutMs)) {
    problems.push('REQUEST_DEADLINE_MS: must be longer than WECHAT_TIMEOUT_MS');
  }

  if (problems.length > 0) throw new ConfigError(problems);

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
      raw.WECHAT_API_BASE ??
      (configured.apps.length > 0 ? WXLOGIN_DEFAULTS.wechatApiBaseUrl : undefined),
    apps: configured.apps,
    simPort: raw.SIM_PORT,
    corsOrigins,
    logLevel: raw.LOG_LEVEL,
    publicBaseUrl,
    trustProxy,
    wxlogin,
    warnings,
  };
}
