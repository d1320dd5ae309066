import * as z from 'zod/mini';
import { httpUrl, nickname } from './fields.schema.js';

// Responses are plain (non-strict) objects: clients parse them, and a field added by a newer
// server must not break an older mini-program that is still installed on phones; unknown keys
// are stripped instead.

/**
 * The user as the API shows it to its own client. Deliberately absent: the openid (never a
 * credential, never needed by the client) and anything of WeChat's session. `hasUnionId` only
 * says whether WeChat linked this user across apps.
 */
export const UserView = z.object({
  id: z.string(),
  appId: z.string(),
  nickname: z.nullable(z.string()),
  avatarUrl: z.nullable(z.string()),
  phoneNumber: z.nullable(z.string()),
  countryCode: z.nullable(z.string()),
  hasUnionId: z.boolean(),
  /** ISO 8601 timestamp, e.g. `2026-11-21T05:00:00.000Z`. */
  createdAt: z.iso.datetime({ offset: true }),
});
/** @see {@link UserView} */
export type UserView = z.infer<typeof UserView>;

/** Success body of `POST /api/auth/phone` and `POST /api/auth/userinfo`. */
export const UserResponse = z.object({ user: UserView });
/** @see {@link UserResponse} */
export type UserResponse = z.infer<typeof UserResponse>;

/**
 * Body of `PUT /api/me`: a new nickname (trimmed, 1–32 characters, no control characters)
 * and/or avatar URL (http(s), at most 1024 characters). At least one of the two must be present.
 */
export const UpdateProfileRequest = z
  .strictObject({
    nickname: z.optional(nickname),
    avatarUrl: z.optional(httpUrl),
  })
  .check(
    z.refine((body) => body.nickname !== undefined || body.avatarUrl !== undefined, {
      message: 'at least one of nickname, avatarUrl is required',
    }),
    // The refinement is invisible to JSON Schema; with unknown keys rejected, this says the same.
    z.meta({ minProperties: 1 }),
  );
/** @see {@link UpdateProfileRequest} */
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

/** Success body of `POST /api/me/avatar`: where the uploaded avatar is now served. */
export const AvatarResponse = z.object({ avatarUrl: z.string() });
/** @see {@link AvatarResponse} */
export type AvatarResponse = z.infer<typeof AvatarResponse>;
