import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { pathOf, SERVER_ROUTES, type ServerRoute } from '@wxlogin/contracts';
import { DataSource } from 'typeorm';
import { silentLogger } from '../test/support/silent-logger';
import { nestPathOf } from './http/wxlogin-route';
import { WxLoginModule } from './wxlogin.module';

/** The module's routes: the table's, but health, which is the host's. */
const MODULE_ROUTES: ServerRoute[] = Object.values(SERVER_ROUTES).filter(
  (route) => route !== SERVER_ROUTES.health,
);

/**
 * An initialised PostgreSQL DataSource as far as the module can tell at boot. No statement is run
 * by the requests below: each is refused by a guard or a body check first.
 */
const dataSource = {
  options: { type: 'postgres' },
  isInitialized: true,
  driver: { master: {} },
} as unknown as DataSource;

@Module({ providers: [{ provide: DataSource, useValue: dataSource }], exports: [DataSource] })
class FakeDataSourceModule {}

describe('WxLoginModule routes', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  const registered: string[] = [];

  beforeAll(async () => {
    const adapter = new FastifyAdapter();
    adapter.getInstance().addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods)
        if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    });
    app = await NestFactory.create<NestFastifyApplication>(
      {
        module: class Host {},
        imports: [
          FakeDataSourceModule,
          WxLoginModule.forRootAsync({
            imports: [FakeDataSourceModule],
            useFactory: () => ({
              apps: [{ appId: 'wx5f3c9a2b7d1e4c60', secret: '0123456789abcdef0123456789abcdef' }],
              jwtSecret: 'a-real-secret-that-is-long-enough-0123456789',
              sessionKeyEncryptionKey: Buffer.alloc(32, 3),
              publicBaseUrl: 'https://api.example.com',
              sessionPurgeIntervalSeconds: 0,
              logger: silentLogger,
            }),
          }),
        ],
      },
      adapter,
      { logger: false, abortOnError: false },
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  /** `route` at `path` over HTTP, with an empty JSON object as the body when it takes one. */
  const send = (route: ServerRoute, path: string) =>
    fetch(baseUrl + path, {
      method: route.method,
      ...(route.method === 'GET'
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: '{}' }),
    });

  afterAll(async () => {
    await app.close();
  });

  it('should register exactly the routes of SERVER_ROUTES (health aside), at their full paths', () => {
    const expected = MODULE_ROUTES.map((route) => `${route.method} ${nestPathOf(route)}`);
    expect([...registered].sort()).toEqual([...expected].sort());
  });

  it.each(
    MODULE_ROUTES.filter((route) => route.auth === 'bearer').map((r) => [
      `${r.method} ${r.path}`,
      r,
    ]),
  )('should refuse %s without a bearer token (UNAUTHENTICATED)', async (_name, route) => {
    const response = await send(route, pathOf(route, { id: 'x' }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it.each(
    MODULE_ROUTES.filter((route) => route.auth === 'public' && route.body !== undefined).map(
      (r) => [`${r.method} ${r.path}`, r],
    ),
  )('should validate the body of %s with its schema from the table', async (_name, route) => {
    const response = await send(route, route.path);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});
