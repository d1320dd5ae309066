import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { stripPkcs7Padding } from './pkcs7.padding';

const KEY = randomBytes(16);
const IV = randomBytes(16);

/** What OpenSSL's own padding check makes of `plaintext` (whole blocks, encrypted unpadded). */
function opensslUnpad(plaintext: Buffer): Buffer | undefined {
  const cipher = createCipheriv('aes-128-cbc', KEY, IV).setAutoPadding(false);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const decipher = createDecipheriv('aes-128-cbc', KEY, IV);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

describe('stripPkcs7Padding', () => {
  it('should strip valid padding without copying', () => {
    const padded = Buffer.from('hello\x03\x03\x03', 'latin1');
    const stripped = stripPkcs7Padding(padded, 16);

    expect(stripped?.toString()).toBe('hello');
    expect(stripped?.buffer).toBe(padded.buffer);
  });

  it('should accept a whole block of padding', () => {
    expect(stripPkcs7Padding(Buffer.alloc(16, 16), 16)).toEqual(Buffer.alloc(0));
  });

  it.each([
    ['a zero padding byte', Buffer.from([1, 2, 3, 0])],
    ['a padding byte larger than the block', Buffer.from([...Buffer.alloc(16, 17), 17])],
    ['a padding byte larger than the input', Buffer.from([4, 4, 4])],
    ['one wrong byte inside the padding', Buffer.from([9, 3, 2, 3])],
    ['empty input', Buffer.alloc(0)],
  ])('should reject %s', (_label, padded) => {
    expect(stripPkcs7Padding(padded, 16)).toBeUndefined();
  });

  it("should agree with OpenSSL's check on blocks that end in near-padding", () => {
    // Random blocks whose tail is mostly one repeated small byte, with now and then a wrong one:
    // the cases where a sloppy check would differ.
    const tail = fc
      .tuple(fc.integer({ min: 0, max: 18 }), fc.integer({ min: 0, max: 16 }), fc.nat(255))
      .map(([value, count, stray]) => {
        const bytes = Array.from({ length: count }, () => value);
        if (count > 1 && stray % 3 === 0) bytes[stray % (count - 1)] = stray;
        return bytes;
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.uint8Array({ maxLength: 48 }),
        tail,
        (blocks, head, end) => {
          const plaintext = Buffer.alloc(blocks * 16);
          Buffer.from(head).copy(plaintext);
          Buffer.from(end).copy(plaintext, plaintext.length - end.length);

          expect(stripPkcs7Padding(plaintext, 16)).toEqual(opensslUnpad(plaintext));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
