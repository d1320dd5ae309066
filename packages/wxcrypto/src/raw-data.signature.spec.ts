import fc from 'fast-check';
import { OFFICIAL_RAW_DATA_SIGNATURE as vector } from './official-vectors.fixture';
import { signRawData, verifyRawDataSignature } from './raw-data.signature';

describe('signRawData', () => {
  it('should reproduce the official rawData signature', () => {
    expect(signRawData(vector.rawData, vector.sessionKey)).toBe(vector.signature);
  });

  it('should hash non-ASCII rawData as UTF-8', () => {
    // sha1('{"nickName":"微信"}' + 'k') computed independently: `printf '%s' '{"nickName":"微信"}k' | sha1sum`
    expect(signRawData('{"nickName":"微信"}', 'k')).toBe(
      'f6503c7519d2285c87941eb00d70a31fb4ad8b2c',
    );
  });
});

describe('verifyRawDataSignature', () => {
  it('should accept the official vector', () => {
    expect(verifyRawDataSignature(vector.rawData, vector.sessionKey, vector.signature)).toBe(true);
  });

  it('should accept the signature in upper-case hex', () => {
    expect(
      verifyRawDataSignature(vector.rawData, vector.sessionKey, vector.signature.toUpperCase()),
    ).toBe(true);
  });

  it('should reject the signature under a stale session key', () => {
    expect(
      verifyRawDataSignature(vector.rawData, 'tiihtNczf5v6AKRyjwEUhQ==', vector.signature),
    ).toBe(false);
  });

  it('should reject re-serialised rawData (it must be hashed exactly as received)', () => {
    const reserialised = JSON.stringify(JSON.parse(vector.rawData), null, 1);

    expect(verifyRawDataSignature(reserialised, vector.sessionKey, vector.signature)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['truncated', vector.signature.slice(0, -1)],
    ['extended', `${vector.signature}0`],
    ['multi-byte of the same character length', `${vector.signature.slice(0, -1)}é`],
  ])('should return false, not throw, for a signature that is %s', (_label, signature) => {
    expect(verifyRawDataSignature(vector.rawData, vector.sessionKey, signature)).toBe(false);
  });

  it('should accept exactly the signature signRawData produces', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string(),
        fc.string({ minLength: 40, maxLength: 40, unit: fc.constantFrom(...'0123456789abcdef') }),
        (rawData, sessionKey, otherSignature) => {
          const signature = signRawData(rawData, sessionKey);
          expect(verifyRawDataSignature(rawData, sessionKey, signature)).toBe(true);
          expect(verifyRawDataSignature(rawData, sessionKey, otherSignature)).toBe(
            otherSignature === signature,
          );
        },
      ),
    );
  });
});
