import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database-options';

/** A database created for one test file, with the migrations applied. */
export interface TestDatabase {
  readonly url: string;
  /** Runs SQL as a superuser of that database (assertions and fixtures). */
  query<R = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.WXLOGIN_TEST_SERVER_URL;
  if (url === undefined || url === '') throw new Error('no test PostgreSQL (see global-setup.ts)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Creates `wxlogin_t_<random>` on the test server and applies the migrations. */
export async function createTestDatabase(): Promise<TestDatabase> {
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
  const dataSource = new DataSource(databaseOptions(url, { poolSize: 1 }));
  await dataSource.initialize();
  await dataSource.runMigrations();
  const client = new Client({ connectionString: url });
  await client.connect();
  await dataSource.destroy();
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
