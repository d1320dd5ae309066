import type { RequestLimits, WxLoginOptions } from '@wxlogin/nest';

/** Everything the example reads from its environment, once, at start. */
export interface ExampleConfig {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly requestLimits: RequestLimits;
  readonly wxlogin: WxLoginOptions;
}

/** Requests are answered within 10 s of arriving, and must arrive within 10 s. */
const REQUEST_LIMITS: RequestLimits = { deadlineMs: 10_000, bodyTimeoutMs: 10_000 };

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

/**
 * The example's configuration: a few variables read plainly. The login module checks its own
 * options at boot and names every bad one.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ExampleConfig {
  const port = Number(env['PORT'] ?? 3000);
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port,
    databaseUrl: required(env, 'DATABASE_URL'),
    requestLimits: REQUEST_LIMITS,
    wxlogin: {
      apps: [{ appId: required(env, 'WX_APPID'), secret: required(env, 'WX_SECRET') }],
      jwtSecret: required(env, 'JWT_SECRET'),
      sessionKeyEncryptionKey: required(env, 'SESSION_KEY_ENCRYPTION_KEY'),
      publicBaseUrl: env['PUBLIC_BASE_URL'] ?? `http://127.0.0.1:${port}`,
      // Unset: WeChat itself (api.weixin.qq.com).
      ...(env['WECHAT_API_BASE'] === undefined ? {} : { wechatApiBaseUrl: env['WECHAT_API_BASE'] }),
    },
  };
}
