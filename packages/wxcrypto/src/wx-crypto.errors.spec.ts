import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as wxcrypto from './index';
import {
  OFFICIAL_OPEN_DATA as official,
  OFFICIAL_WATERMARK_TIMESTAMP,
} from './official-vectors.fixture';
import {
  type WxCryptoError,
  type WxCryptoErrorCode,
  WX_CRYPTO_ERROR_CODES,
  isWxCryptoError,
} from './wx-crypto.errors';

/** One real call through the public API per error code (a Record, so a new code cannot be missed). */
const reachEachCode: Record<WxCryptoErrorCode, () => unknown> = {
  INVALID_BASE64: () => wxcrypto.decryptOpenData({ ...official, iv: 'r7BXXKkLb8qrSNn05n0qiA=!' }),
  INVALID_SESSION_KEY: () =>
    wxcrypto.decryptOpenData({ ...official, sessionKey: official.sessionKey.slice(4) }),
  INVALID_IV: () => wxcrypto.decryptOpenData({ ...official, iv: 'r7BXXKkLb8qrSNn0' }),
  DECRYPTION_FAILED: () =>
    wxcrypto.decryptOpenData({ ...official, sessionKey: 'HyVFkGl5F5OQWJZZaNzBBg==' }),
  MALFORMED_PLAINTEXT: () =>
    wxcrypto.decryptOpenData({
      ...official,
      ...wxcrypto.encryptOpenData({
        sessionKey: official.sessionKey,
        payload: { nickName: 'Band' },
      }),
    }),
  WATERMARK_MISMATCH: () => wxcrypto.decryptOpenData({ ...official, appId: 'wx5f3c9a2b7d1e4c60' }),
  WATERMARK_EXPIRED: () =>
    wxcrypto.decryptOpenData({
      ...official,
      maxAgeSeconds: 60,
      now: () => (OFFICIAL_WATERMARK_TIMESTAMP + 61) * 1000,
    }),
};

function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

const reached = WX_CRYPTO_ERROR_CODES.map((code) => {
  const error = thrownBy(reachEachCode[code]);
  if (!isWxCryptoError(error)) {
    throw new Error(`${code}: not a WxCryptoError`);
  }
  return { code, error };
});

/** Every concrete error class the package exports. */
const exportedErrorClasses = Object.entries(wxcrypto).filter(
  ([, value]) => typeof value === 'function' && value.prototype instanceof wxcrypto.WxCryptoError,
);

describe('WxCryptoError', () => {
  it.each(reached)('should reach $code with its own class', ({ code, error }) => {
    expect(error).toBeInstanceOf(wxcrypto.WxCryptoError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(error.constructor.name);
  });

  it('should have one exported class per code, and every exported class reached', () => {
    const classOf = (error: WxCryptoError) => error.constructor;
    const reachedClasses = new Set(reached.map(({ error }) => classOf(error)));

    expect(reachedClasses.size).toBe(WX_CRYPTO_ERROR_CODES.length);
    expect(new Set(exportedErrorClasses.map(([, value]) => value))).toEqual(reachedClasses);
  });

  it('should never put the session key or decrypted data into a message', () => {
    const plaintextValues = [
      'oGZUI0egBJY1zhBYw2KhdUfwVJJE',
      'ocMvos6NjeKLIBqg5Mr9QjxrP1FA',
      'Band',
    ];
    const secrets = [
      official.sessionKey,
      Buffer.from(official.sessionKey, 'base64').toString('hex'),
      ...plaintextValues,
    ];
    for (const { error } of reached) {
      for (const secret of secrets) {
        expect(error.message).not.toContain(secret);
      }
    }
  });

  it('should not count other errors as WxCryptoError', () => {
    expect(isWxCryptoError(new Error('INVALID_BASE64'))).toBe(false);
    expect(isWxCryptoError({ code: 'INVALID_BASE64', message: '' })).toBe(false);
    expect(isWxCryptoError(undefined)).toBe(false);
  });
});

describe('README error table', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  // Rows look like: | `InvalidBase64Error` | `INVALID_BASE64` | when | what to do |
  const rows = [
    ...readme.matchAll(/^\|\s*`(\w+Error)`\s*\|\s*`([A-Z0-9_]+)`\s*\|.+\|.+\|\s*$/gm),
  ].map(([, className, code]) => ({ className, code }));

  it('should list every error class with its code, and nothing else', () => {
    const fromCode = reached
      .map(({ code, error }) => ({ className: error.constructor.name, code }))
      .sort((a, b) => a.code.localeCompare(b.code));
    const fromReadme = [...rows].sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));

    expect(fromReadme).toEqual(fromCode);
  });
});
