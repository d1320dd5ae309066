import fc from 'fast-check';
import { decryptOpenData, encryptOpenData } from './open-data.cipher';
import { DecryptionFailedError } from './wx-crypto.errors';

const base64Of16Bytes = fc
  .uint8Array({ minLength: 16, maxLength: 16 })
  .map((bytes) => Buffer.from(bytes).toString('base64'));
/** A random JSON payload watermarked for a random app, as WeChat would send it. */
const openData = fc
  .record({
    fields: fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue()),
    appid: fc.string({ minLength: 1, maxLength: 32 }),
    timestamp: fc.integer({ min: 0, max: 4_102_444_800 }),
  })
  .map(({ fields, appid, timestamp }) => ({
    appId: appid,
    payload: { ...fields, watermark: { appid, timestamp } },
  }));

/** What a JSON round trip makes of the payload (e.g. -0 becomes 0), i.e. what WeChat would send. */
function asJson(value: object): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('encryptOpenData / decryptOpenData properties', () => {
  it('should round-trip random payloads under random keys and ivs', () => {
    fc.assert(
      fc.property(
        base64Of16Bytes,
        base64Of16Bytes,
        openData,
        (sessionKey, iv, { appId, payload }) => {
          const encrypted = encryptOpenData({ sessionKey, iv, payload });

          expect(encrypted.iv).toBe(iv);
          expect(decryptOpenData({ sessionKey, appId, ...encrypted })).toEqual(asJson(payload));
        },
      ),
    );
  });

  it('should round-trip through the transit damage (pitfall-plus-to-space): spaces for + and encodeURIComponent', () => {
    fc.assert(
      fc.property(base64Of16Bytes, openData, (sessionKey, { appId, payload }) => {
        const { encryptedData, iv } = encryptOpenData({ sessionKey, payload });
        const received = [
          { encryptedData: encryptedData.replace(/\+/g, ' '), iv: iv.replace(/\+/g, ' ') },
          { encryptedData: encodeURIComponent(encryptedData), iv: encodeURIComponent(iv) },
        ];
        for (const mangled of received) {
          expect(decryptOpenData({ sessionKey, appId, ...mangled })).toEqual(asJson(payload));
        }
      }),
    );
  });

  it('should report any other key as DecryptionFailedError, whether or not the padding happens to fit', () => {
    // About 1 wrong key in 256 leaves valid padding; the random plaintext is then not UTF-8 JSON,
    // which decryptOpenData reports as the same DecryptionFailedError. (Random bytes forming a JSON
    // object is too unlikely to ever be drawn.)
    fc.assert(
      fc.property(
        base64Of16Bytes,
        base64Of16Bytes,
        openData,
        (rightKey, wrongKey, { appId, payload }) => {
          fc.pre(rightKey !== wrongKey);
          const encrypted = encryptOpenData({ sessionKey: rightKey, payload });

          expect(() => decryptOpenData({ sessionKey: wrongKey, appId, ...encrypted })).toThrow(
            DecryptionFailedError,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
