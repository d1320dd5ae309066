import { type AppConfig, loadConfig } from '../../src/config/app-config';

/** A test app: a syntactically valid AppID/secret pair (the simulator's own apps are separate). */
export const TEST_APP = { appId: 'wx1111111111111111', secret: '11111111111111111111111111111111' };

/** Configuration for an app under test: quiet, on `databaseUrl`, talking to `wechatApiBase`. */
export function testConfig(env: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-only-jwt-secret-0123456789abcdef0123',
    SESSION_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    PORT: '0',
    ...env,
  });
}
