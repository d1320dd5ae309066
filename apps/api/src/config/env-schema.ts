import * as z from 'zod';

/** The environment as the process has it. */
export type Env = Record<string, string | undefined>;

const emptyAsUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const intIn = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
/**
 * A number for the login module, which checks its range (and names the variable here when it is
 * out of it); unset = the module's default.
 */
const moduleNumber = z.preprocess(emptyAsUndefined, z.coerce.number().optional());
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

/**
 * Every variable the API reads. The host's own are checked here; those it hands to the login
 * module (`moduleNumber`, the secrets, the apps, REDIS_URL) are checked by the module's rules,
 * which config/wxlogin-settings.ts reports under these names.
 */
export const envSchema = z.object({
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
  WECHAT_TIMEOUT_MS: moduleNumber,
  WX_APPID: optionalString,
  WX_SECRET: optionalString,
  WX_APPS: optionalString,
  SIM_PORT: intIn(0, 65535, 3001),
  JWT_SECRET: optionalString,
  SESSION_KEY_ENCRYPTION_KEY: optionalString,
  ACCESS_TOKEN_TTL: moduleNumber,
  REFRESH_TOKEN_TTL: moduleNumber,
  REFRESH_REUSE_INTERVAL_SECONDS: moduleNumber,
  SESSION_KEY_GRACE_SECONDS: moduleNumber,
  CORS_ORIGINS: optionalString,
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  PUBLIC_BASE_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  RATE_LIMIT_PER_MINUTE: moduleNumber,
  REDIS_URL: optionalString,
  REDIS_TIMEOUT_MS: moduleNumber,
  TRUST_PROXY: optionalString,
  SESSION_RETENTION_DAYS: moduleNumber,
  SESSION_PURGE_INTERVAL_SECONDS: moduleNumber,
});

export type RawEnv = z.infer<typeof envSchema>;

/**
 * The environment parsed by {@link envSchema}, with a `VARIABLE: message` problem for each bad
 * variable; those are left out, so that the later checks (which need the parsed values) report
 * their problems in the same error.
 */
export function parseEnv(env: Env, problems: string[]): RawEnv | undefined {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const badVariables = new Set<string>();
  for (const issue of parsed.error.issues) {
    const variable = String(issue.path[0]);
    badVariables.add(variable);
    problems.push(`${variable}: ${issue.message}`);
  }
  const rest = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([name]) => !badVariables.has(name))),
  );
  return rest.success ? rest.data : undefined;
}
