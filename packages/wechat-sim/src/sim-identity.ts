import { createHmac } from 'node:crypto';

/**
 * Deterministic identities: the same (app, user) gets the same openid on every run and in every
 * simulator instance, so tests and seeded databases can name users by their userId.
 * The HMAC key is a simulator constant, not a secret.
 */
const IDENTITY_KEY = 'wechat-sim identity v1 (not a secret)';

function digest(purpose: string, ...parts: string[]): Buffer {
  return createHmac('sha256', IDENTITY_KEY)
    .update([purpose, ...parts].join('\n'))
    .digest();
}

/** Real openids are 28 characters: "o" then 27 base64url characters ("oGZUI0egBJY1zhBYw2KhdUfwVJJE"). */
function openIdLike(bytes: Buffer): string {
  return `o${bytes.toString('base64url').slice(0, 27)}`;
}

/** openid of a user in an app: stable per (appId, userId), different across apps. */
export function deriveOpenId(appId: string, userId: string): string {
  return openIdLike(digest('openid', appId, userId));
}

/**
 * unionid of a user: the same in every union-bound app. The simulator has one Open Platform
 * account, so every `unionBound` app belongs to it.
 */
export function deriveUnionId(userId: string): string {
  return openIdLike(digest('unionid', userId));
}

/** A default CN mobile number, 138 then 8 digits derived from the userId ("13800138000" style). */
export function deriveDefaultPhone(userId: string): string {
  const digits = digest('phone', userId).readUInt32BE(0) % 100_000_000;
  return `138${digits.toString().padStart(8, '0')}`;
}
