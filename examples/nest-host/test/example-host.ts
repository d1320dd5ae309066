import type { LoggerService } from '@nestjs/common';
import type { HostUnderTest } from '@wxlogin/e2e-suite';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { readConfig } from '../src/config';
import { dataSourceOptions } from '../src/database/data-source-options';

/** The variables the example reads, for a test instance (the suite's settings go on top). */
const TEST_ENV = {
  WX_APPID: 'wx1111111111111111',
  WX_SECRET: '11111111111111111111111111111111',
  JWT_SECRET: 'test-only-jwt-secret-0123456789abcdef0123',
  SESSION_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
};

/** Nest's logger interface writing every call, every level, as one line to `sink`. */
function loggerInto(sink: (line: string) => void): LoggerService {
  const write =
    (level: string) =>
    (...parts: unknown[]) =>
      sink(`${level} ${JSON.stringify(parts)}\n`);
  return {
    log: write('log'),
    error: write('error'),
    warn: write('warn'),
    debug: write('debug'),
    verbose: write('verbose'),
    fatal: write('fatal'),
  };
}

/** The example as the end-to-end suite's host. */
export const EXAMPLE_HOST: HostUnderTest = {
  name: 'examples/nest-host',
  async migrate(databaseUrl) {
    // The example migrates at start (migrationsRun); the same DataSource options here.
    const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
    await dataSource.destroy();
  },
  async start(settings) {
    const config = readConfig({ ...TEST_ENV, DATABASE_URL: settings.databaseUrl });
    const { apps, ...moduleSettings } = settings.wxlogin;
    const app = await createApp(
      {
        ...config,
        requestLimits: {
          deadlineMs: settings.requestDeadlineMs ?? config.requestLimits.deadlineMs,
          bodyTimeoutMs: settings.requestBodyTimeoutMs ?? config.requestLimits.bodyTimeoutMs,
        },
        wxlogin: { ...config.wxlogin, apps: [...apps], ...moduleSettings },
      },
      settings.logSink === undefined ? false : loggerInto(settings.logSink),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (typeof address !== 'object' || address === null) throw new Error('not listening');
    return {
      url: `http://127.0.0.1:${address.port}`,
      fastify: app.getHttpAdapter().getInstance(),
      close: () => app.close(),
    };
  },
  // Health is the host's business; this example has none.
  servesHealth: false,
  ownRoutes: ['GET /api/orders'],
};
