import { Pool } from 'pg';
import { loginRecord as login } from '../../test/support/login-record';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { Database } from '../database/database';
import { UsersRepository } from './users.repository';

describe('UsersRepository (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let users: UsersRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new Pool({ connectionString: db.url, max: 10 });
    users = new UsersRepository(new Database(pool));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const keysOf = async (openid: string) =>
    (
      await db.query<{ current: Buffer; previous: Buffer | null }>(
        'SELECT session_key_enc AS current, previous_session_key_enc AS previous FROM users WHERE openid = $1',
        [openid],
      )
    )[0];

  it('should create exactly one user for concurrent first logins (ON CONFLICT)', async () => {
    const logins = await Promise.all(
      Array.from({ length: 12 }, (_, i) => users.recordLogin(login('oConcurrent', `k${i}`))),
    );
    expect(new Set(logins.map((u) => u.id)).size).toBe(1);
    const [count] = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM users WHERE openid = 'oConcurrent'",
    );
    expect(count?.n).toBe('1');
    const [opened] = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM sessions WHERE user_id = $1',
      [logins[0]?.id],
    );
    expect(opened?.n).toBe('12');
  });

  it('should keep the replaced session key as previous, unless WeChat returned the same key', async () => {
    await users.recordLogin(login('oRotating', 'A'));
    await users.recordLogin(login('oRotating', 'B'));
    expect(await keysOf('oRotating')).toEqual({
      current: Buffer.from('sealed:B'),
      previous: Buffer.from('sealed:A'),
    });
    await users.recordLogin(login('oRotating', 'B'));
    expect((await keysOf('oRotating'))?.previous).toEqual(Buffer.from('sealed:A'));
  });

  it('should store unionid when given and never drop it on a login without one', async () => {
    const first = await users.recordLogin({ ...login('oUnion', 'x'), unionid: 'uUnion' });
    expect(first.has_union_id).toBe(true);
    const second = await users.recordLogin(login('oUnion', 'y'));
    expect(second.has_union_id).toBe(true);
  });
});
