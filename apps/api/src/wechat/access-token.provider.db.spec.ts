import { Pool } from 'pg';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { Database } from '../database/database';
import { AccessTokenProvider } from './access-token.provider';
import type { WechatHttpClient } from './wechat-http.client';

const APP = { appId: 'wx5f3c9a2b7d1e4c60', secret: 's' };

describe('AccessTokenProvider (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let minted: number;
  let http: WechatHttpClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 20 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });
  beforeEach(async () => {
    await db.query('DELETE FROM wechat_access_tokens');
    minted = 0;
    // A fake stable_token endpoint: a new token per call, slow enough for callers to overlap.
    http = {
      request: jest.fn(async () => {
        minted += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { access_token: `token-${minted}`, expires_in: 7200 };
      }),
    } as unknown as WechatHttpClient;
  });

  const instance = () =>
    new AccessTokenProvider(new Database(pool), http, pino({ level: 'silent' }));

  it('should fetch once for many concurrent callers on several instances (advisory lock + second look)', async () => {
    const instances = [instance(), instance(), instance()];
    const tokens = await Promise.all(
      instances.flatMap((p) => [p.get(APP), p.get(APP), p.get(APP)]),
    );
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(minted).toBe(1);
  });

  it('should expire a rejected token only while it is still the cached one (compare-then-expire)', async () => {
    const a = instance();
    const b = instance();
    expect(await a.get(APP)).toBe('token-1');
    await a.invalidate(APP, 'token-1');
    expect(await b.get(APP)).toBe('token-2');
    // A late rejection of the old token must not throw away the new one.
    await a.invalidate(APP, 'token-1');
    expect(await a.get(APP)).toBe('token-2');
    expect(minted).toBe(2);
  });

  it('should refresh a token that is about to expire', async () => {
    await db.query(
      "INSERT INTO wechat_access_tokens (app_id, access_token, expires_at) VALUES ($1, 'old', now() + interval '30 seconds')",
      [APP.appId],
    );
    expect(await instance().get(APP)).toBe('token-1');
  });
});
