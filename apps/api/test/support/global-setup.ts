// Without TEST_DATABASE_URL, one embedded PostgreSQL serves the whole run; every test file creates
// its own throwaway database on it (see test-database.ts).
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { freePort } from './free-port';

declare global {
  var wxloginTestPostgres: EmbeddedDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL !== undefined && process.env.TEST_DATABASE_URL !== '') return;
  const root = await mkdtemp(join(tmpdir(), 'wxlogin-api-test-'));
  await chmod(root, 0o755);
  const quiet = () => undefined;
  const embedded = await startEmbeddedPostgres({
    dir: join(root, 'pgdata'),
    port: await freePort(),
    database: 'postgres',
    persistent: false,
    log: { info: quiet, debug: quiet, warn: (msg) => process.stderr.write(`${msg}\n`) },
  });
  globalThis.wxloginTestPostgres = embedded;
  process.env.WXLOGIN_TEST_SERVER_URL = embedded.url;
}
