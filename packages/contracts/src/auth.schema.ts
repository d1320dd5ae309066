import * as z from 'zod/mini';
import { appId, encryptedData, iv, loginCode, phoneCode, refreshToken } from './fields.schema.js';

// Requests are strict objects: an unknown key (a typo such as `encrypteData`, or a field a
// WeChat sample told the client to send) fails validation instead of being silently dropped.

/**
 * Proof that the user agreed to share their phone number, as the `getPhoneNumber` button gives it:
 * either the phone `code` (current flow, exchanged server-side through `getuserphonenumber`) or
 * the legacy `{ encryptedData, iv }` pair, decrypted server-side. Exactly one shape must match:
 * a body carrying both is rejected rather than guessed at.
 */
export const PhoneProof = z.xor([
  z.strictObject({ code: phoneCode }),
  z.strictObject({ encryptedData, iv }),
]);
/** @see {@link PhoneProof} */
export type PhoneProof = z.infer<typeof PhoneProof>;

/**
 * Body of `POST /api/auth/login`: the `wx.login` code, optionally the AppID of one of the
 * configured mini-programs (default: the first), and optionally a phone proof to bind in the same
 * round trip.
 */
export const LoginRequest = z.strictObject({
  code: loginCode,
  appId: z.optional(appId),
  phone: z.optional(PhoneProof),
});
/** @see {@link LoginRequest} */
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Body of `POST /api/auth/phone` (bearer): a {@link PhoneProof} for the signed-in user. */
export const PhoneRequest = PhoneProof;
/** @see {@link PhoneRequest} */
export type PhoneRequest = z.infer<typeof PhoneRequest>;

/**
 * Body of `POST /api/auth/userinfo` (bearer): what the legacy `wx.getUserInfo` returns. The server
 * checks `signature` (SHA-1 hex of `rawData` with the stored WeChat session key) and decrypts
 * `encryptedData`.
 */
export const UserInfoRequest = z.strictObject({
  rawData: z.string().check(z.minLength(1), z.maxLength(4 * 1024)),
  signature: z.string().check(z.regex(/^[0-9a-fA-F]{40}$/)),
  encryptedData,
  iv,
});
/** @see {@link UserInfoRequest} */
export type UserInfoRequest = z.infer<typeof UserInfoRequest>;

/** Body of `POST /api/auth/refresh`: the refresh token from the last `TokenResponse`. */
export const RefreshRequest = z.strictObject({ refreshToken });
/** @see {@link RefreshRequest} */
export type RefreshRequest = z.infer<typeof RefreshRequest>;
