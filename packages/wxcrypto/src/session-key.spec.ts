import { createHmac } from 'node:crypto';
import { OFFICIAL_SESSION_KEY_HMAC as vector } from './official-vectors.fixture';
import { generateSessionKey, signWithSessionKey } from './session-key';

describe('signWithSessionKey', () => {
  it('should reproduce the official HMAC-SHA256 example (key = session_key text)', () => {
    expect(signWithSessionKey(vector.sessionKey, vector.body)).toBe(vector.signature);
  });

  it('should not key the HMAC with the decoded session_key bytes', () => {
    const withDecodedKey = createHmac('sha256', Buffer.from(vector.sessionKey, 'base64'))
      .update(vector.body)
      .digest('hex');

    expect(withDecodedKey).not.toBe(vector.signature);
  });

  it('should sign the empty body by default, as checksession requires', () => {
    expect(signWithSessionKey(vector.sessionKey)).toBe(signWithSessionKey(vector.sessionKey, ''));
    expect(signWithSessionKey(vector.sessionKey)).toBe(
      createHmac('sha256', vector.sessionKey).update('').digest('hex'),
    );
  });
});

describe('generateSessionKey', () => {
  it('should return 16 random bytes as canonical base64', () => {
    const key = generateSessionKey();

    expect(key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(Buffer.from(key, 'base64')).toHaveLength(16);
  });

  it('should not repeat', () => {
    const keys = new Set(Array.from({ length: 100 }, generateSessionKey));

    expect(keys.size).toBe(100);
  });
});
