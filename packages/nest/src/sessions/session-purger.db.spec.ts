import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import type { WxLoginSettings } from '../options/wxlogin-options';
import { silentLogger } from '../../test/support/silent-logger';
import { Database } from '../database/database';
import { SessionPurger } from './session-purger';
import { SessionsRepository } from './sessions.repository';

describe('SessionPurger (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let purger: SessionPurger;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 4 });
    const config = { sessionRetentionDays: 30, sessionPurgeIntervalSeconds: 0 } as WxLoginSettings;
    purger = new SessionPurger(new SessionsRepository(new Database(pool)), config, silentLogger);
    const [user] = await db.query<{ id: string }>(
      `INSERT INTO users (app_id, openid, session_key_enc, session_key_fingerprint, session_key_rotated_at)
       VALUES ('wx5f3c9a2b7d1e4c60', 'o-purge', '\\x00', '\\x00', now()) RETURNING id`,
    );
    userId = user!.id;
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  /** `count` sessions of the user; `expires`/`revoked` are SQL expressions. */
  const addSessions = async (label: string, count: number, expires: string, revoked = 'NULL') => {
    await db.query(
      `INSERT INTO sessions (id, user_id, refresh_token_hash, expires_at, revoked_at, revoked_reason)
       SELECT gen_random_uuid(), $1, decode(md5($2 || n) || md5(n || $2), 'hex'), ${expires}, ${revoked},
              CASE WHEN ${revoked} IS NULL THEN NULL ELSE $2 END
         FROM generate_series(1, $3) AS n`,
      [userId, label, count],
    );
    // One used refresh token per session, so the cascade is visible.
    await db.query(
      `INSERT INTO used_refresh_tokens (token_hash, session_id)
       SELECT decode(md5(s.id::text), 'hex'), s.id FROM sessions s
        WHERE NOT EXISTS (SELECT 1 FROM used_refresh_tokens t WHERE t.session_id = s.id)`,
    );
  };
  const countBy = async () =>
    db.query<{ kind: string; n: number }>(
      `SELECT CASE WHEN revoked_at IS NOT NULL THEN revoked_reason
                   WHEN expires_at > now() THEN 'live' ELSE 'expired' END AS kind,
              count(*)::int AS n
         FROM sessions GROUP BY 1 ORDER BY 1`,
    );

  it('should delete sessions dead for longer than the retention, in batches, and keep the rest', async () => {
    await addSessions('live', 3, `now() + interval '1 day'`);
    await addSessions('expired', 2500, `now() - interval '31 days'`);
    await addSessions('expired-recently', 2, `now() - interval '29 days'`);
    await addSessions('old-logout', 4, `now() + interval '1 day'`, `now() - interval '40 days'`);
    await addSessions('new-logout', 5, `now() + interval '1 day'`, `now() - interval '1 day'`);

    await expect(purger.purgeNow()).resolves.toBe(2504);

    expect(await countBy()).toEqual([
      { kind: 'expired', n: 2 },
      { kind: 'live', n: 3 },
      { kind: 'new-logout', n: 5 },
    ]);
    const [orphans] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM used_refresh_tokens t
        WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = t.session_id)`,
    );
    expect(orphans?.n).toBe(0);
    const [kept] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM used_refresh_tokens',
    );
    expect(kept?.n).toBe(10);
    // Nothing left to do; users are never touched.
    await expect(purger.purgeNow()).resolves.toBe(0);
    expect(await db.query('SELECT id FROM users')).toEqual([{ id: userId }]);
  });

  it('should let two purges at once share the work without deleting anything twice', async () => {
    await addSessions('expired-again', 1200, `now() - interval '60 days'`);
    const other = new SessionPurger(
      new SessionsRepository(new Database(pool)),
      { sessionRetentionDays: 30, sessionPurgeIntervalSeconds: 0 } as WxLoginSettings,
      silentLogger,
    );
    const [a, b] = await Promise.all([purger.purgeNow(), other.purgeNow()]);
    expect(a + b).toBe(1200);
    expect((await countBy()).map((row) => row.kind)).toEqual(['expired', 'live', 'new-logout']);
  });
});
