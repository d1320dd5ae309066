import { Pool } from 'pg';
import { silentLogger } from '../../test/support/silent-logger';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { Database } from '../database/database';
import { WechatAccessTokenProvider } from './wechat-access-token.provider';
import type { WechatHttpClient } from './wechat-http.client';

const APP = { appId: 'wx5f3c9a2b7d1e4c60', secret: 's' };

describe('WechatAccessTokenProvider (PostgreSQL)', () => {
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

  const instance = () => new WechatAccessTokenProvider(new Database(pool), http, silentLogger);

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
    expect(await a.replaceRejected(APP, 'token-1')).toBe('token-2');
    expect(await b.get(APP)).toBe('token-2');
    // A late rejection of the old token on another instance must not throw away the new one.
    expect(await b.replaceRejected(APP, 'token-1')).toBe('token-2');
    expect(await a.get(APP)).toBe('token-2');
    expect(minted).toBe(2);
  });

  it('should never re-cache a rejected token that concurrent readers still find (the 40001 race)', async () => {
    const instances = [instance(), instance(), instance()];
    await Promise.all(instances.map((p) => p.get(APP)));
    // Ten callers per instance were refused token-1; ten new requests arrive meanwhile. With the
    // memory copy dropped before the row was expired, a new request re-cached token-1 and about
    // a third of the retries reused it (8 and 9 of 30 in two of three runs).
    const retries = await Promise.all(
      instances.flatMap((p) =>
        Array.from({ length: 20 }, async (_, i) => {
          if (i % 2 === 0) return p.replaceRejected(APP, 'token-1');
          await p.get(APP);
          return undefined;
        }),
      ),
    );
    expect(new Set(retries.filter((token) => token !== undefined))).toEqual(new Set(['token-2']));
    expect(minted).toBe(2);
    for (const p of instances) expect(await p.get(APP)).toBe('token-2');
  });

  it('should force a refresh when stable_token hands back the token WeChat just rejected', async () => {
    const forced: boolean[] = [];
    http = {
      request: jest.fn(({ body }: { body: { force_refresh: boolean } }) => {
        forced.push(body.force_refresh);
        return Promise.resolve({
          access_token: body.force_refresh ? 'forced' : 'stale',
          expires_in: 7200,
        });
      }),
    } as unknown as WechatHttpClient;
    const provider = instance();
    expect(await provider.get(APP)).toBe('stale');
    expect(await provider.replaceRejected(APP, 'stale')).toBe('forced');
    expect(forced).toEqual([false, false, true]);
  });

  it('should refresh a token that is about to expire', async () => {
    await db.query(
      "INSERT INTO wechat_access_tokens (app_id, access_token, expires_at) VALUES ($1, 'old', now() + interval '30 seconds')",
      [APP.appId],
    );
    expect(await instance().get(APP)).toBe('token-1');
  });
});
