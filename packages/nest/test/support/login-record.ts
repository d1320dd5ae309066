import { randomBytes, randomUUID } from 'node:crypto';
import type { LoginRecord } from '../../src/users/users.repository';

/** A login of `openid` whose sealed session_key and fingerprint are named after `key`. */
export function loginRecord(openid: string, key: string): LoginRecord {
  return {
    appId: 'wx5f3c9a2b7d1e4c60',
    openid,
    unionid: undefined,
    sessionKeyEnc: Buffer.from(`sealed:${key}`),
    sessionKeyFingerprint: Buffer.from(`fp:${key}`),
    sessionId: randomUUID(),
    refreshTokenHash: randomBytes(32),
    refreshTtlSeconds: 3600,
  };
}
