import type { UserView } from '@wxlogin/contracts';

/** The columns every user-returning statement selects (see {@link USER_COLUMNS}). */
export interface UserRow {
  id: string;
  app_id: string;
  nickname: string | null;
  avatar_url: string | null;
  phone_number: string | null;
  country_code: string | null;
  has_union_id: boolean;
  /** ISO 8601 in UTC, formatted by PostgreSQL (no Date parsing and re-formatting per row). */
  created_at: string;
}

/** SELECT/RETURNING list producing a {@link UserRow}; `u` is the users alias. */
export const USER_COLUMNS = `u.id, u.app_id, u.nickname, u.avatar_url, u.phone_number, u.country_code,
  u.unionid IS NOT NULL AS has_union_id,
  to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at`;

/** What the client sees of a user: never the openid, unionid or anything of WeChat's session. */
export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    appId: row.app_id,
    nickname: row.nickname,
    avatarUrl: row.avatar_url,
    phoneNumber: row.phone_number,
    countryCode: row.country_code,
    hasUnionId: row.has_union_id,
    createdAt: row.created_at,
  };
}
