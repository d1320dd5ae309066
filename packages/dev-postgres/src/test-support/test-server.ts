import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../embedded-postgres';
import { freePort } from '../free-port';

/**
 * The PostgreSQL server of a test run (a Jest global setup): TEST_DATABASE_URL when set (the
 * machine's server, as CI uses), else one embedded server in a temp directory on a free port,
 * announced to the test files in WXLOGIN_TEST_SERVER_URL. Resolves to that embedded server (to
 * stop in the global teardown), or `undefined` when TEST_DATABASE_URL is used.
 */
export async function startTestServer(): Promise<EmbeddedDatabase | undefined> {
  if (process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_DATABASE_URL !== '') {
    return undefined;
  }
  const root = await mkdtemp(join(tmpdir(), 'wxlogin-test-pg-'));
  // As root, PostgreSQL runs as the `postgres` OS user, which must reach the data directory.
  await chmod(root, 0o755);
  const quiet = () => undefined;
  const embedded = await startEmbeddedPostgres({
    dir: join(root, 'pgdata'),
    port: await freePort(),
    database: 'postgres',
    persistent: false,
    log: { info: quiet, debug: quiet, warn: (msg) => process.stderr.write(`${msg}\n`) },
  });
  process.env.WXLOGIN_TEST_SERVER_URL = embedded.url;
  return embedded;
}

/** A database created for one test file. */
export interface TestDatabase {
  readonly url: string;
  /** Runs SQL as a superuser of that database (assertions and fixtures). */
  query<R = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.WXLOGIN_TEST_SERVER_URL;
  if (url === undefined || url === '') {
    throw new Error('no test PostgreSQL: set TEST_DATABASE_URL or run startTestServer first');
  }
  return url;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Creates `wxlogin_t_<random>` on the run's server and prepares it with `migrate` (the schema of
 * whoever tests on it).
 */
export async function createTestDatabase(
  migrate: (url: string) => Promise<void>,
): Promise<TestDatabase> {
  const server = serverUrl();
  const name = `wxlogin_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(server, name);
  await migrate(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    url,
    query: async <R>(sql: string, values: unknown[] = []) =>
      (await client.query(sql, values)).rows as R[],
    drop: async () => {
      await client.end();
      const dropper = new Client({ connectionString: server });
      await dropper.connect();
      try {
        // pg's Pool.end() resolves once it has asked its clients to close, not once they have:
        // wait for their backends to go, so that FORCE only ends connections a test leaked and
        // never races a closing client into an unhandled 57P01 error.
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const { rows } = await dropper.query<{ open: number }>(
            'SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0]?.open === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
