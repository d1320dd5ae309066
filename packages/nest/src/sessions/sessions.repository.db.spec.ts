import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { loginRecord as login } from '../../test/support/login-record';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { Database } from '../database/database';
import { UsersRepository } from '../users/users.repository';
import { SessionsRepository } from './sessions.repository';

describe('SessionsRepository (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let users: UsersRepository;
  let sessions: SessionsRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 10 });
    users = new UsersRepository(new Database(pool));
    sessions = new SessionsRepository(new Database(pool));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  /** A rotation of `presented`; with an interval, the "sealed" successor names the session. */
  const rotation = (presented: Buffer, next: Buffer, reuseIntervalSeconds = 0) => ({
    presentedHash: presented,
    nextHash: next,
    reuseIntervalSeconds,
    sealSuccessor: ({ sessionId }: { sessionId: string }) => Buffer.from(`successor:${sessionId}`),
  });

  it('should rotate a refresh token once; a second use revokes the session (no reuse interval)', async () => {
    const record = login('oRefresh', 'k');
    const user = await users.recordLogin(record);
    const next = randomBytes(32);
    const rotated = await sessions.rotateRefreshToken(rotation(record.refreshTokenHash, next));
    expect(rotated).toMatchObject({ kind: 'rotated', sessionId: record.sessionId });
    expect(await sessions.isActive(record.sessionId, user.id)).toBe(true);
    expect(
      await sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32))),
    ).toEqual({ kind: 'reused' });
    expect(await sessions.isActive(record.sessionId, user.id)).toBe(false);
    expect(await sessions.rotateRefreshToken(rotation(next, randomBytes(32)))).toEqual({
      kind: 'invalid',
    });
  });

  it('should let only one of two concurrent refreshes with the same token win (no reuse interval)', async () => {
    const record = login('oRace', 'k');
    await users.recordLogin(record);
    const outcomes = await Promise.all([
      sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32))),
      sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32))),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['reused', 'rotated']);
  });

  it('should hand the sealed successor to every concurrent refresh within the reuse interval', async () => {
    const record = login('oRepeat', 'k');
    const user = await users.recordLogin(record);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32), 20)),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'rotated')).toHaveLength(1);
    const repeated = outcomes.filter((o) => o.kind === 'repeated');
    expect(repeated).toHaveLength(19);
    for (const outcome of repeated) {
      expect(outcome.successorSealed).toEqual(Buffer.from(`successor:${record.sessionId}`));
      expect(outcome.user.id).toBe(user.id);
    }
    expect(await sessions.isActive(record.sessionId, user.id)).toBe(true);
  });

  it('should revoke on reuse once the interval is over, and erase sealed successors then', async () => {
    const record = login('oLate', 'k');
    const user = await users.recordLogin(record);
    await sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32), 20));
    await db.query(
      "UPDATE used_refresh_tokens SET reuse_until = now() - interval '1 second' WHERE session_id = $1",
      [record.sessionId],
    );
    expect(await sessions.clearExpiredSuccessors()).toBeGreaterThanOrEqual(1);
    const [kept] = await db.query<{ successor_sealed: Buffer | null }>(
      'SELECT successor_sealed FROM used_refresh_tokens WHERE session_id = $1',
      [record.sessionId],
    );
    expect(kept?.successor_sealed).toBeNull();
    expect(
      await sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32), 20)),
    ).toEqual({ kind: 'reused' });
    expect(await sessions.isActive(record.sessionId, user.id)).toBe(false);
  });

  it('should answer invalid, not the successor, once the session is revoked (logout)', async () => {
    const record = login('oLoggedOut', 'k');
    await users.recordLogin(record);
    await sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32), 20));
    await sessions.revoke(record.sessionId, 'logout');
    const [kept] = await db.query<{ successor_sealed: Buffer | null }>(
      'SELECT successor_sealed FROM used_refresh_tokens WHERE session_id = $1',
      [record.sessionId],
    );
    expect(kept?.successor_sealed).toBeNull();
    expect(
      await sessions.rotateRefreshToken(rotation(record.refreshTokenHash, randomBytes(32), 20)),
    ).toEqual({ kind: 'invalid' });
  });

  it('should not count a session of another user or an expired one as active', async () => {
    const record = { ...login('oExpiring', 'k'), refreshTtlSeconds: 0 };
    const user = await users.recordLogin(record);
    expect(await sessions.isActive(record.sessionId, user.id)).toBe(false);
    const live = login('oLive', 'k');
    await users.recordLogin(live);
    expect(await sessions.isActive(live.sessionId, user.id)).toBe(false);
  });
});
