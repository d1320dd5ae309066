import { Injectable } from '@nestjs/common';
import { Database, statement } from '../database/database';
import { USER_COLUMNS, type UserRow } from './user.row';

/** A user's WeChat identity and stored session keys (still sealed). */
export interface UserWechatState {
  appId: string;
  openid: string;
  sessionKeyEnc: Buffer;
  previousSessionKeyEnc: Buffer | null;
  sessionKeyRotatedAt: Date;
}

/** A login WeChat confirmed: whose it is, their sealed session_key, and the session it opens. */
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

/**
 * The login in ONE round trip: upsert the user by (app_id, openid) — concurrent first logins meet
 * in ON CONFLICT, so there is exactly one row — storing the sealed session_key (the previous one
 * is kept with the rotation time unless WeChat returned the same key), then open the session with
 * its first refresh token hash in the same statement (the session row needs the user's id, and a
 * second statement would be a second round trip on the login hot path). Prepared once per
 * connection.
 */
const LOGIN = statement(
  'users_login',
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
     INSERT INTO sessions (id, user_id, refresh_token_hash, expires_at)
     SELECT $6, id, $7, now() + make_interval(secs => $8) FROM u
   )
   SELECT * FROM u`,
);

const FIND_BY_ID = statement(
  'users_find_by_id',
  `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`,
);

const FIND_WECHAT_STATE_BY_ID = statement(
  'users_wechat_state_by_id',
  `SELECT app_id, openid, session_key_enc, previous_session_key_enc, session_key_rotated_at
     FROM users WHERE id = $1`,
);

const FIND_SESSION_KEY_BY_OPENID = statement(
  'users_session_key_by_openid',
  `SELECT session_key_enc FROM users WHERE app_id = $1 AND openid = $2`,
);

const UPDATE_PROFILE = statement(
  'users_update_profile',
  `UPDATE users u SET nickname = COALESCE($2, u.nickname), avatar_url = COALESCE($3, u.avatar_url),
          unionid = COALESCE(u.unionid, $4), updated_at = now()
    WHERE u.id = $1
   RETURNING ${USER_COLUMNS}`,
);

/**
 * Users: created or updated by a login, then read and edited one purpose at a time. What happens
 * to a session after its login (refresh, revocation, purge) is SessionsRepository's.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  /** Creates or updates the user of a login and opens its session; the user as it is now. */
  async recordLogin(login: LoginRecord): Promise<UserRow> {
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

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(FIND_BY_ID, [id]);
    return row;
  }

  async findWechatStateById(id: string): Promise<UserWechatState | undefined> {
    const [row] = await this.db.query<{
      app_id: string;
      openid: string;
      session_key_enc: Buffer;
      previous_session_key_enc: Buffer | null;
      session_key_rotated_at: Date;
    }>(FIND_WECHAT_STATE_BY_ID, [id]);
    if (row === undefined) return undefined;
    return {
      appId: row.app_id,
      openid: row.openid,
      sessionKeyEnc: row.session_key_enc,
      previousSessionKeyEnc: row.previous_session_key_enc,
      sessionKeyRotatedAt: row.session_key_rotated_at,
    };
  }

  /** The sealed session key stored for (appId, openid) before a login replaces it. */
  async findSessionKeyByOpenid(appId: string, openid: string): Promise<Buffer | undefined> {
    const [row] = await this.db.query<{ session_key_enc: Buffer }>(FIND_SESSION_KEY_BY_OPENID, [
      appId,
      openid,
    ]);
    return row?.session_key_enc;
  }

  /** Sets what is given (`undefined` keeps the current value; a unionid is never replaced). */
  async updateProfile(
    id: string,
    profile: { nickname?: string; avatarUrl?: string; unionid?: string },
  ): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(UPDATE_PROFILE, [
      id,
      profile.nickname ?? null,
      profile.avatarUrl ?? null,
      profile.unionid ?? null,
    ]);
    return row;
  }
}
