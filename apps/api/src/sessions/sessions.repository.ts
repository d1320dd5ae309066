import { Injectable } from '@nestjs/common';
import { Database, statement } from '../database/database';
import { USER_COLUMNS, type UserRow } from '../users/user.row';

export interface LoginRecord {
  appId: string;
  openid: string;
  unionid: string | undefined;
  sessionKeyEnc: Buffer;
  sessionKeyFingerprint: Buffer;
  sessionId: string;
  refreshTokenHash: Buffer;
  refreshTtlSeconds: number;
}

/** What presenting a refresh token led to. */
export type RefreshOutcome =
  { kind: 'rotated'; sessionId: string; user: UserRow } | { kind: 'reused' } | { kind: 'invalid' };

/**
 * The login in ONE round trip: upsert the user by (app_id, openid) — concurrent first logins meet
 * in ON CONFLICT, so there is exactly one row — storing the sealed session_key (the previous one
 * is kept with the rotation time unless WeChat returned the same key), then open the session and
 * store its first refresh token hash. Prepared once per connection.
 */
const LOGIN = statement(
  'sessions_login',
  `WITH u AS (
     INSERT INTO users AS u (app_id, openid, unionid, session_key_enc, session_key_fingerprint,
                             session_key_rotated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (app_id, openid) DO UPDATE SET
       unionid = COALESCE(EXCLUDED.unionid, u.unionid),
       previous_session_key_enc = CASE WHEN u.session_key_fingerprint = EXCLUDED.session_key_fingerprint
         THEN u.previous_session_key_enc ELSE u.session_key_enc END,
       session_key_rotated_at = CASE WHEN u.session_key_fingerprint = EXCLUDED.session_key_fingerprint
         THEN u.session_key_rotated_at ELSE now() END,
       session_key_enc = EXCLUDED.session_key_enc,
       session_key_fingerprint = EXCLUDED.session_key_fingerprint,
       updated_at = now()
     RETURNING ${USER_COLUMNS}
   ), s AS (
     INSERT INTO sessions (id, user_id, expires_at)
     SELECT $6, id, now() + make_interval(secs => $8) FROM u
   ), r AS (
     INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($7, $6)
   )
   SELECT * FROM u`,
);

// Primary-key lookup on every authenticated request.
const IS_ACTIVE = statement(
  'sessions_is_active',
  `SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
);

const REVOKE = statement(
  'sessions_revoke',
  `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
);

const LOCK_REFRESH_TOKEN = statement(
  'refresh_tokens_lock',
  `SELECT r.session_id, r.used_at, s.revoked_at, s.expires_at > now() AS is_unexpired
     FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
    WHERE r.token_hash = $1
      FOR UPDATE OF r`,
);

const ROTATE_REFRESH_TOKEN = statement(
  'refresh_tokens_rotate',
  `WITH used AS (
     UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1
   ), next AS (
     INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($2, $3)
   )
   SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $3`,
);

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async openLoginSession(login: LoginRecord): Promise<UserRow> {
    const [user] = await this.db.query<UserRow>(LOGIN, [
      login.appId,
      login.openid,
      login.unionid ?? null,
      login.sessionKeyEnc,
      login.sessionKeyFingerprint,
      login.sessionId,
      login.refreshTokenHash,
      login.refreshTtlSeconds,
    ]);
    if (user === undefined) throw new Error('login statement returned no user');
    return user;
  }

  async isActive(sessionId: string, userId: string): Promise<boolean> {
    return (await this.db.query(IS_ACTIVE, [sessionId, userId])).length === 1;
  }

  async revoke(sessionId: string, reason: 'logout' | 'refresh_token_reused'): Promise<void> {
    await this.db.query(REVOKE, [sessionId, reason]);
  }

  /**
   * Rotates a refresh token: the presented one is marked used and `nextHash` becomes the
   * session's current one. A token that was already used means someone replayed it (a stolen
   * copy, or a client that lost the answer): the whole session is revoked (RFC 9700 §4.14.2).
   * The row lock serialises two refreshes with the same token.
   */
  async rotateRefreshToken(presentedHash: Buffer, nextHash: Buffer): Promise<RefreshOutcome> {
    return this.db.transaction(async (tx) => {
      const [token] = await tx.query<{
        session_id: string;
        used_at: Date | null;
        revoked_at: Date | null;
        is_unexpired: boolean;
      }>(LOCK_REFRESH_TOKEN, [presentedHash]);
      if (token === undefined) return { kind: 'invalid' };
      if (token.used_at !== null) {
        await tx.query(REVOKE, [token.session_id, 'refresh_token_reused']);
        return { kind: 'reused' };
      }
      if (token.revoked_at !== null || !token.is_unexpired) return { kind: 'invalid' };
      const [user] = await tx.query<UserRow>(ROTATE_REFRESH_TOKEN, [
        presentedHash,
        nextHash,
        token.session_id,
      ]);
      if (user === undefined) return { kind: 'invalid' };
      return { kind: 'rotated', sessionId: token.session_id, user };
    });
  }
}
