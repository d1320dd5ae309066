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

export interface PhoneNumberChange {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

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

// The previous number goes to the history in the same statement, and only when it changes.
const SET_PHONE_NUMBER = statement(
  'users_set_phone_number',
  `WITH old AS (
     SELECT id, phone_number, country_code FROM users WHERE id = $1 FOR UPDATE
   ), history AS (
     INSERT INTO phone_number_history (user_id, phone_number, country_code)
     SELECT id, phone_number, country_code FROM old
      WHERE phone_number IS NOT NULL AND phone_number IS DISTINCT FROM $2
   )
   UPDATE users u SET phone_number = $2, pure_phone_number = $3, country_code = $4,
          updated_at = now()
     FROM old WHERE u.id = old.id
   RETURNING ${USER_COLUMNS}`,
);

const UPDATE_PROFILE = statement(
  'users_update_profile',
  `UPDATE users u SET nickname = COALESCE($2, u.nickname), avatar_url = COALESCE($3, u.avatar_url),
          unionid = COALESCE(u.unionid, $4), updated_at = now()
    WHERE u.id = $1
   RETURNING ${USER_COLUMNS}`,
);

/** Single-purpose queries on users (the login upsert lives in SessionsRepository). */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

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

  async setPhoneNumber(id: string, phone: PhoneNumberChange): Promise<UserRow | undefined> {
    const [row] = await this.db.query<UserRow>(SET_PHONE_NUMBER, [
      id,
      phone.phoneNumber,
      phone.purePhoneNumber,
      phone.countryCode,
    ]);
    return row;
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
