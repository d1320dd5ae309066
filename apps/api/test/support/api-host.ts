import { Writable } from 'node:stream';
import { DEV_APP } from '@wxlogin/wechat-sim';
import type { E2eStack, HostSettings, HostUnderTest } from '@wxlogin/e2e-suite';
import { createLogger } from '../../src/logging/logger';
import { startApi } from './test-app';
import { migrateApiDatabase } from './test-database';

/** The environment the API reads for `settings`: the suite's settings under the API's names. */
function environmentOf(settings: HostSettings): Record<string, string> {
  const { wxlogin } = settings;
  const optional = {
    RATE_LIMIT_PER_MINUTE: wxlogin.rateLimitPerMinute,
    REFRESH_REUSE_INTERVAL_SECONDS: wxlogin.refreshReuseIntervalSeconds,
    SESSION_KEY_GRACE_SECONDS: wxlogin.sessionKeyGraceSeconds,
    WECHAT_TIMEOUT_MS: wxlogin.wechatTimeoutMs,
    REQUEST_DEADLINE_MS: settings.requestDeadlineMs,
    REQUEST_BODY_TIMEOUT_MS: settings.requestBodyTimeoutMs,
  };
  return {
    DATABASE_URL: settings.databaseUrl,
    WECHAT_API_BASE: wxlogin.wechatApiBaseUrl,
    WX_APPS: wxlogin.apps.map((app) => `${app.appId}:${app.secret}`).join(','),
    ...Object.fromEntries(
      Object.entries(optional).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, String(value)]],
      ),
    ),
  };
}

/** wxlogin's own API as the end-to-end suite's host: configured through its environment. */
export const API_HOST: HostUnderTest = {
  name: 'apps/api',
  migrate: migrateApiDatabase,
  async start(settings) {
    const { logSink } = settings;
    const logger =
      logSink === undefined
        ? undefined
        : createLogger(
            { logLevel: 'debug' },
            new Writable({
              write(chunk: Buffer, _encoding, done) {
                logSink(chunk.toString('utf8'));
                done();
              },
            }),
          );
    const api = await startApi(environmentOf(settings), logger === undefined ? {} : { logger });
    return {
      url: api.url,
      fastify: api.app.getHttpAdapter().getInstance(),
      close: () => api.close(),
    };
  },
  servesHealth: true,
  // The OpenAPI pages, as @nestjs/swagger registers them (UI, its assets, the document).
  ownRoutes: [
    'GET /api/docs',
    'GET /api/docs/',
    'GET /api/docs/*',
    'GET /api/docs/LICENSE',
    'GET /api/docs/docs/swagger-ui-init.js',
    'GET /api/docs/index.html',
    'GET /api/docs/openapi.json',
    'GET /api/docs/openapi.yaml',
    'GET /api/docs/swagger-ui-init.js',
  ],
};

/** The environment of another API on `stack`'s database and simulator (its DEV_APP), plus `extra`. */
export function apiEnvironmentOn(
  stack: E2eStack,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: stack.db.url,
    WECHAT_API_BASE: stack.wechat.url,
    WX_APPS: `${DEV_APP.appId}:${DEV_APP.secret}`,
    ...extra,
  };
}
