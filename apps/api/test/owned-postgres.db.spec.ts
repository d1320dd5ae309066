import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { startOwnedPostgres, type OwnedPostgres } from './support/owned-postgres';

/** Runs `SELECT 1` on a new connection, giving up after `ms`: 'ok', 'timeout' or 'error'. */
async function probe(url: string, ms: number): Promise<'ok' | 'timeout' | 'error'> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: ms,
    query_timeout: ms,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (error) {
    return /timeout/i.test(String(error)) ? 'timeout' : 'error';
  } finally {
    await client.end().catch(() => undefined);
  }
}

function postgresProcessesOn(port: number): string {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('postgres') && line.includes(`-p ${port}`))
    .join('\n');
}

describe('owned PostgreSQL (test support)', () => {
  let pg: OwnedPostgres;

  beforeAll(async () => {
    pg = await startOwnedPostgres();
    await pg.createDatabase('owned_check');
  });
  afterAll(async () => {
    await pg?.destroy();
  });

  it('should refuse connections when stopped and serve again when started', async () => {
    const url = pg.urlFor('owned_check');
    expect(await probe(url, 2_000)).toBe('ok');
    await pg.stop('immediate');
    expect(await probe(url, 2_000)).toBe('error');
    await pg.start();
    expect(await probe(url, 2_000)).toBe('ok');
    await pg.stop('fast');
    expect(await probe(url, 2_000)).toBe('error');
    await pg.start();
  });

  it('should leave an open connection and a new one unanswered while frozen', async () => {
    const url = pg.urlFor('owned_check');
    const open = new Client({ connectionString: url, query_timeout: 500 });
    await open.connect();
    await pg.freeze();
    try {
      expect(await probe(url, 500)).toBe('timeout');
      await expect(open.query('SELECT 1')).rejects.toThrow(/timeout/i);
    } finally {
      await pg.thaw();
    }
    await open.end();
    expect(await probe(url, 2_000)).toBe('ok');
  });

  it('should leave no process behind when destroyed while frozen', async () => {
    const doomed = await startOwnedPostgres();
    await doomed.freeze();
    await doomed.destroy();
    expect(postgresProcessesOn(doomed.port)).toBe('');
  });
});
