import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
// The API's own helpers, reused rather than copied: the child-process runner of its benchmark
// and the PostgreSQL server a test owns and may stop, freeze and restart.
import { startServerProcess, type ServerProcess } from '@wxlogin/api/bench/server-process';
import { type OwnedPostgres, startOwnedPostgres } from '@wxlogin/api/test/support/owned-postgres';
import { freePort } from '@wxlogin/dev-postgres';
import { DEV_APP, type RunningSimulator, startSimulator } from '@wxlogin/wechat-sim';
import { Client } from 'pg';
import { startSuiteRedis, type SuiteRedis } from './private-redis';

/** Several API processes behind no load balancer: the caller picks an instance per request. */
export interface Cluster {
  /** Base URLs (http://127.0.0.1:PORT) of the API instances. */
  readonly instanceUrls: readonly string[];
  /** The WeChat simulator every instance talks to, in this process. */
  readonly wechat: RunningSimulator;
  /** The one PostgreSQL of every instance, which the suite may stop, freeze and restart. */
  readonly postgres: OwnedPostgres;
  readonly redis: SuiteRedis;
  /** Runs SQL on the instances' database, on a fresh connection (it survives restarts). */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** The last lines each instance printed: attach them to a failure. */
  outputs(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances: number;
  /** API environment on top of the cluster's own (timeouts, limits). */
  env?: Record<string, string>;
}

const API_DIR = dirname(require.resolve('@wxlogin/api/package.json'));
const API_MAIN = join(API_DIR, 'dist', 'main.js');
const DATABASE = 'wxlogin_faults';
const HEALTH_TIMEOUT_MS = 90_000;

// Secrets of this suite only, never used anywhere else.
const SUITE_JWT_SECRET = 'fault-suite-jwt-secret-0123456789abcdef0123';
const SUITE_AT_REST_KEY = Buffer.alloc(32, 11).toString('base64');

/**
 * PostgreSQL (owned), Redis (private), the simulator (in-process) and `instances` built APIs
 * (`node apps/api/dist/main.js`, each its own process). The first instance migrates the database;
 * the others start after it, so that no two run migrations at once.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!existsSync(API_MAIN)) {
    throw new Error(`${API_MAIN} is missing: run \`pnpm --filter @wxlogin/api build\` first`);
  }
  const undo: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (let step = undo.pop(); step; step = undo.pop()) {
      await step().catch((error: unknown) => console.error('fault suite: cleanup failed', error));
    }
  };
  const servers: ServerProcess[] = [];
  try {
    const wechat = await startSimulator({ port: 0, perUserMinuteQuota: 0 });
    undo.push(() => wechat.close());
    const postgres = await startOwnedPostgres();
    undo.push(() => postgres.destroy());
    await postgres.createDatabase(DATABASE);
    const databaseUrl = postgres.urlFor(DATABASE);
    const redis = await startSuiteRedis();
    undo.push(() => redis.stop());

    const startInstance = async (migrate: boolean) => {
      const port = await freePort();
      const server = startServerProcess({
        name: `api-${servers.length + 1}`,
        script: API_MAIN,
        cwd: API_DIR,
        port,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(port),
          PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
          LOG_LEVEL: 'warn',
          DATABASE_URL: databaseUrl,
          DB_MIGRATE_ON_START: String(migrate),
          REDIS_URL: redis.url,
          WECHAT_API_BASE: wechat.url,
          WX_APPID: DEV_APP.appId,
          WX_SECRET: DEV_APP.secret,
          JWT_SECRET: SUITE_JWT_SECRET,
          SESSION_KEY_ENCRYPTION_KEY: SUITE_AT_REST_KEY,
          // Clients are told apart by X-Forwarded-For, as behind a load balancer on this host.
          TRUST_PROXY: 'loopback',
          SESSION_PURGE_INTERVAL_SECONDS: '0',
          ...options.env,
        },
      });
      servers.push(server);
      undo.push(() => server.stop());
      await server.waitUntilHealthy('/api/health', HEALTH_TIMEOUT_MS);
      return server;
    };
    await startInstance(true);
    await Promise.all(Array.from({ length: options.instances - 1 }, () => startInstance(false)));

    return {
      instanceUrls: servers.map((server) => server.baseUrl),
      wechat,
      postgres,
      redis,
      async query<Row>(sql: string, params: unknown[] = []) {
        const client = new Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          return (await client.query(sql, params)).rows as Row[];
        } finally {
          await client.end();
        }
      },
      outputs: () =>
        servers.map((server) => `--- ${server.name}\n${server.outputTail()}`).join('\n'),
      stop,
    };
  } catch (error) {
    const outputs = servers.map((server) => `--- ${server.name}\n${server.outputTail()}`);
    await stop();
    throw new Error(`the cluster did not start:\n${outputs.join('\n')}`, { cause: error });
  }
}
