import { isErrorEnvelope } from '@wxlogin/contracts';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from './support/test-database';
import { startApi, type RunningApi } from './support/test-app';
import { TEST_APP } from './support/test-config';

describe('health and error envelope (e2e)', () => {
  let db: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startApi({
      DATABASE_URL: db.url,
      WX_APPS: `${TEST_APP.appId}:${TEST_APP.secret}`,
      WECHAT_API_BASE: 'http://127.0.0.1:9',
    });
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('should answer 200 when the database is up', async () => {
    const response = await fetch(`${api.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('should answer an unknown route with a NOT_FOUND envelope and a request id', async () => {
    const response = await fetch(`${api.url}/api/nope`);
    expect(response.status).toBe(404);
    const body: unknown = await response.json();
    expect(isErrorEnvelope(body)).toBe(true);
    expect(body).toMatchObject({ error: { code: 'NOT_FOUND', retryable: false } });
    expect((body as { error: { requestId: string } }).error.requestId).toBe(
      response.headers.get('x-request-id'),
    );
  });

  it('should honour a sane incoming X-Request-Id and replace an insane one', async () => {
    const sane = await fetch(`${api.url}/api/health`, { headers: { 'x-request-id': 'edge-42' } });
    expect(sane.headers.get('x-request-id')).toBe('edge-42');
    const insane = await fetch(`${api.url}/api/health`, {
      headers: { 'x-request-id': 'x'.repeat(500) },
    });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should shut down without logging an error (every part closes what it opened)', async () => {
    const problems: string[] = [];
    const another = await startApi(
      {
        DATABASE_URL: db.url,
        WX_APPS: `${TEST_APP.appId}:${TEST_APP.secret}`,
        WECHAT_API_BASE: 'http://127.0.0.1:9',
      },
      { logger: pino({ level: 'warn' }, { write: (line: string) => void problems.push(line) }) },
    );
    await another.close();
    expect(problems.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});
