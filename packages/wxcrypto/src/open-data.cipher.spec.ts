import { createDecipheriv, createHash } from 'node:crypto';
import {
  OFFICIAL_OPEN_DATA as official,
  OFFICIAL_OPEN_DATA_PLAINTEXT,
  OFFICIAL_WATERMARK_TIMESTAMP,
} from './official-vectors.fixture';
import {
  decryptOpenData,
  decryptPhoneNumber,
  decryptUserInfo,
  encryptOpenData,
} from './open-data.cipher';
import type { DecryptOpenDataInput, UserInfoPayload } from './open-data.types';
import {
  DecryptionFailedError,
  InvalidBase64Error,
  InvalidIvError,
  InvalidSessionKeyError,
  MalformedPlaintextError,
  WatermarkExpiredError,
  WatermarkMismatchError,
} from './wx-crypto.errors';

const officialCiphertext = Buffer.from(official.encryptedData, 'base64');
const officialWatermarkMs = OFFICIAL_WATERMARK_TIMESTAMP * 1000;

/** The official ciphertext with one bit flipped at `index`, re-encoded. */
function flipBit(base64: string, index: number): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

/**
 * A deterministic wrong session key under which the official ciphertext still has valid PKCS#7
 * padding (about 1 key in 256), i.e. the case where padding alone cannot detect a stale key.
 */
function wrongKeyWithValidPadding(): string {
  const iv = Buffer.from(official.iv, 'base64');
  for (let attempt = 0; attempt < 100_000; attempt += 1) {
    const key = createHash('sha256').update(`wrong-key-${attempt}`).digest().subarray(0, 16);
    const decipher = createDecipheriv('aes-128-cbc', key, iv);
    try {
      decipher.update(officialCiphertext);
      decipher.final();
      return key.toString('base64');
    } catch {
      // bad padding: the common case, try the next key
    }
  }
  throw new Error('no wrong key with valid padding found');
}

/** Encrypts `payload` under the official key and iv, ready for decryptOpenData. */
function encryptedInput(payload: object): DecryptOpenDataInput {
  return {
    ...official,
    ...encryptOpenData({ sessionKey: official.sessionKey, iv: official.iv, payload }),
  };
}

const watermark = { appid: official.appId, timestamp: OFFICIAL_WATERMARK_TIMESTAMP };

describe('decryptOpenData', () => {
  it('should decrypt the official WXBizDataCrypt vector to its exact plaintext', () => {
    const payload = decryptOpenData(official);

    expect(JSON.stringify(payload)).toBe(OFFICIAL_OPEN_DATA_PLAINTEXT);
    expect(payload.watermark).toEqual({ appid: 'wx4f4bc4dec97d474b', timestamp: 1477314187 });
  });

  it('should type the payload as the caller asks', () => {
    const user = decryptOpenData<UserInfoPayload>(official);

    expect(user.nickName).toBe('Band');
    expect(user.unionId).toBe('ocMvos6NjeKLIBqg5Mr9QjxrP1FA');
  });

  describe('pitfall-plus-to-space: base64 mangled in transit', () => {
    it("should still decrypt when every '+' became a space (form/query decoding)", () => {
      const mangled = {
        ...official,
        encryptedData: official.encryptedData.replace(/\+/g, ' '),
        iv: official.iv.replace(/\+/g, ' '),
      };
      expect(mangled.encryptedData).toContain(' ');

      expect(JSON.stringify(decryptOpenData(mangled))).toBe(OFFICIAL_OPEN_DATA_PLAINTEXT);
    });

    it('should still decrypt when the client sent encodeURIComponent(encryptedData)', () => {
      const encoded = { ...official, encryptedData: encodeURIComponent(official.encryptedData) };
      expect(encoded.encryptedData).toMatch(/%2B.*%2F|%2F.*%2B/);
      expect(encoded.encryptedData).toContain('%3D');

      expect(JSON.stringify(decryptOpenData(encoded))).toBe(OFFICIAL_OPEN_DATA_PLAINTEXT);
    });

    it('should reject junk characters instead of decoding around them', () => {
      const junk = {
        ...official,
        encryptedData: `${official.encryptedData.slice(0, 40)}*${official.encryptedData.slice(41)}`,
      };

      expect(() => decryptOpenData(junk)).toThrow(InvalidBase64Error);
    });
  });

  describe('damaged ciphertext', () => {
    it.each([
      ['a bit flipped in the last block (padding)', officialCiphertext.length - 1],
      ['a bit flipped in a middle block', 100],
    ])('should fail with DecryptionFailedError for %s', (_label, index) => {
      const tampered = { ...official, encryptedData: flipBit(official.encryptedData, index) };

      expect(() => decryptOpenData(tampered)).toThrow(DecryptionFailedError);
    });

    it('should fail with DecryptionFailedError when the iv was tampered with', () => {
      const tampered = { ...official, iv: flipBit(official.iv, 0) }; // '{' decrypts as 'z'

      expect(() => decryptOpenData(tampered)).toThrow(DecryptionFailedError);
    });

    it('should fail with DecryptionFailedError when the ciphertext lost its last block', () => {
      const truncated = officialCiphertext.subarray(0, officialCiphertext.length - 16);

      expect(() =>
        decryptOpenData({ ...official, encryptedData: truncated.toString('base64') }),
      ).toThrow(DecryptionFailedError);
    });

    it('should fail with DecryptionFailedError when truncated to a partial block', () => {
      const truncated = { ...official, encryptedData: official.encryptedData.slice(0, 100) };

      expect(() => decryptOpenData(truncated)).toThrow(/not a whole number of AES blocks/);
      expect(() => decryptOpenData(truncated)).toThrow(DecryptionFailedError);
    });

    it('should fail with InvalidBase64Error when the base64 text itself was cut', () => {
      const truncated = { ...official, encryptedData: official.encryptedData.slice(0, 101) };

      expect(() => decryptOpenData(truncated)).toThrow(InvalidBase64Error);
    });
  });

  describe('wrong or stale session key', () => {
    it('should fail with DecryptionFailedError for a wrong key (bad padding)', () => {
      const stale = { ...official, sessionKey: 'AAAAAAAAAAAAAAAAAAAAAA==' };

      expect(() => decryptOpenData(stale)).toThrow(DecryptionFailedError);
    });

    it('should fail with DecryptionFailedError when a wrong key passes the padding check by chance', () => {
      const stale = { ...official, sessionKey: wrongKeyWithValidPadding() };

      const call = () => decryptOpenData(stale);

      expect(call).toThrow(DecryptionFailedError);
      expect(call).toThrow('plaintext is not UTF-8 JSON under this session key');
    });
  });

  describe('key and iv lengths', () => {
    it('should reject a session key that is not 16 bytes', () => {
      const call = () => decryptOpenData({ ...official, sessionKey: 'c2hvcnQ=' });

      expect(call).toThrow(InvalidSessionKeyError);
      expect(call).toThrow('sessionKey decodes to 5 bytes');
    });

    it('should reject an iv that is not 16 bytes', () => {
      const call = () => decryptOpenData({ ...official, iv: Buffer.alloc(12).toString('base64') });

      expect(call).toThrow(InvalidIvError);
      expect(call).toThrow('iv decodes to 12 bytes');
    });

    it('should name the field when the session key is not base64', () => {
      expect(() => decryptOpenData({ ...official, sessionKey: 'not base64!' })).toThrow(
        expect.objectContaining({ code: 'INVALID_BASE64', field: 'sessionKey' }) as Error,
      );
    });
  });

  describe('watermark', () => {
    it('should reject data watermarked for another app', () => {
      const call = () => decryptOpenData({ ...official, appId: 'wx0000000000000000' });

      expect(call).toThrow(WatermarkMismatchError);
      expect(call).toThrow(
        expect.objectContaining({
          expectedAppId: 'wx0000000000000000',
          actualAppId: 'wx4f4bc4dec97d474b',
        }) as Error,
      );
    });

    it('should accept a watermark exactly maxAgeSeconds old', () => {
      const now = () => officialWatermarkMs + 300_000;

      expect(decryptOpenData({ ...official, maxAgeSeconds: 300, now }).watermark.timestamp).toBe(
        OFFICIAL_WATERMARK_TIMESTAMP,
      );
    });

    it('should reject a watermark older than maxAgeSeconds', () => {
      const now = () => officialWatermarkMs + 300_001;
      const call = () => decryptOpenData({ ...official, maxAgeSeconds: 300, now });

      expect(call).toThrow(WatermarkExpiredError);
      expect(call).toThrow(expect.objectContaining({ maxAgeSeconds: 300 }) as Error);
    });

    it('should measure age against the real clock when no now() is given', () => {
      // The official vector is from 2016, so any sane clock finds it older than a day.
      expect(() => decryptOpenData({ ...official, maxAgeSeconds: 86_400 })).toThrow(
        WatermarkExpiredError,
      );
    });

    it('should not check age when maxAgeSeconds is absent', () => {
      expect(() =>
        decryptOpenData({ ...official, now: () => Number.MAX_SAFE_INTEGER }),
      ).not.toThrow();
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
      'should treat maxAgeSeconds %p as a caller bug (RangeError), even for undecryptable data',
      (maxAgeSeconds) => {
        expect(() => decryptOpenData({ ...official, maxAgeSeconds })).toThrow(RangeError);
        expect(() =>
          decryptOpenData({ ...official, maxAgeSeconds, encryptedData: 'AAAA' }),
        ).toThrow(RangeError);
      },
    );

    it('should treat a now() that returns no finite number as a caller bug (RangeError)', () => {
      expect(() =>
        decryptOpenData({ ...official, maxAgeSeconds: 60, now: () => Number.NaN }),
      ).toThrow(RangeError);
    });
  });

  describe('malformed plaintext', () => {
    it.each<[string, object, string]>([
      ['no watermark', { nickName: 'x' }, 'has no watermark object'],
      ['a string watermark', { watermark: 'wx4f4bc4dec97d474b' }, 'has no watermark object'],
      ['a numeric appid', { watermark: { appid: 1, timestamp: 1 } }, 'watermark.appid'],
      [
        'a string timestamp',
        { watermark: { appid: watermark.appid, timestamp: '1' } },
        'timestamp',
      ],
      ['a JSON array', [watermark], 'is not a JSON object'],
    ])('should reject a payload with %s', (_label, payload, message) => {
      const call = () => decryptOpenData(encryptedInput(payload));

      expect(call).toThrow(MalformedPlaintextError);
      expect(call).toThrow(message);
    });
  });
});

describe('encryptOpenData', () => {
  it('should reproduce the official ciphertext from the official plaintext, key and iv', () => {
    const encrypted = encryptOpenData({
      sessionKey: official.sessionKey,
      iv: official.iv,
      payload: JSON.parse(OFFICIAL_OPEN_DATA_PLAINTEXT) as object,
    });

    expect(encrypted).toEqual({
      encryptedData: official.encryptedData,
      iv: official.iv,
    });
  });

  it('should pick a fresh random 16-byte iv when none is given', () => {
    const payload = { watermark };
    const first = encryptOpenData({ sessionKey: official.sessionKey, payload });
    const second = encryptOpenData({ sessionKey: official.sessionKey, payload });

    expect(Buffer.from(first.iv, 'base64')).toHaveLength(16);
    expect(first.iv).not.toBe(second.iv);
    expect(decryptOpenData({ ...official, ...first })).toEqual(payload);
  });

  it('should reject a bad key or iv with the same typed errors as decryption', () => {
    expect(() => encryptOpenData({ sessionKey: 'c2hvcnQ=', payload: {} })).toThrow(
      InvalidSessionKeyError,
    );
    expect(() =>
      encryptOpenData({ sessionKey: official.sessionKey, iv: 'AAAA', payload: {} }),
    ).toThrow(InvalidIvError);
  });
});

describe('decryptPhoneNumber', () => {
  const phone = {
    phoneNumber: '13580006666',
    purePhoneNumber: '13580006666',
    countryCode: '86',
    watermark,
  };

  it('should return a validated phone-number payload', () => {
    expect(decryptPhoneNumber(encryptedInput(phone))).toEqual(phone);
  });

  it('should reject a payload whose countryCode is not a string', () => {
    const call = () => decryptPhoneNumber(encryptedInput({ ...phone, countryCode: 86 }));

    expect(call).toThrow(MalformedPlaintextError);
    expect(call).toThrow('has no string countryCode');
  });

  it('should still check the watermark', () => {
    expect(() => decryptPhoneNumber({ ...encryptedInput(phone), appId: 'wxother' })).toThrow(
      WatermarkMismatchError,
    );
  });
});

describe('decryptUserInfo', () => {
  it('should return the official user-info payload', () => {
    expect(decryptUserInfo(official)).toEqual(JSON.parse(OFFICIAL_OPEN_DATA_PLAINTEXT));
  });

  it('should reject a payload without nickName', () => {
    const call = () => decryptUserInfo(encryptedInput({ avatarUrl: '', watermark }));

    expect(call).toThrow(MalformedPlaintextError);
    expect(call).toThrow('has no string nickName');
  });

  it('should reject an optional field of the wrong type', () => {
    const call = () =>
      decryptUserInfo(encryptedInput({ nickName: 'a', avatarUrl: '', gender: '1', watermark }));

    expect(call).toThrow('has a non-number gender');
  });
});
