import fc from 'fast-check';
import { decodeBase64Field, repairBase64 } from './base64.decoder';
import { InvalidBase64Error } from './wx-crypto.errors';

describe('repairBase64', () => {
  it("should turn spaces back into '+'", () => {
    expect(repairBase64('ab c/d e==')).toBe('ab+c/d+e==');
  });

  it('should undo encodeURIComponent, in either hex case', () => {
    expect(repairBase64('a%2Bb%2fc%3D%3d')).toBe('a+b/c==');
  });

  it('should leave other percent-escapes alone so that they are rejected', () => {
    expect(repairBase64('a%252Bb%20')).toBe('a%252Bb%20');
  });
});

describe('decodeBase64Field', () => {
  it('should decode canonical base64', () => {
    expect(decodeBase64Field('iv', 'aGVsbG8=')).toEqual(Buffer.from('hello'));
  });

  it.each([
    ['a character outside the alphabet', 'aGVs*bG8='],
    ['a line break', 'aGVs\nbG8='],
    ['url-safe characters', 'aGV-bG8_'],
    ['missing padding', 'aGVsbG8'],
    ['padding in the middle', 'aG==bG8='],
    ['a length that is not a multiple of 4', 'aGVsbG8=='],
    ['a double-encoded escape', 'aGVs%252BbG8='],
  ])('should reject %s', (_label, text) => {
    expect(() => decodeBase64Field('encryptedData', text)).toThrow(InvalidBase64Error);
  });

  it('should reject non-canonical trailing bits', () => {
    // 'aGVsbG9=' carries a set bit after the last byte; Buffer would decode it as 'hello' anyway.
    expect(Buffer.from('aGVsbG9=', 'base64').toString()).toBe('hello');
    expect(() => decodeBase64Field('iv', 'aGVsbG9=')).toThrow('iv is not valid base64');
  });

  it('should reject non-canonical trailing bits before a double padding', () => {
    // 'aB==' carries set bits after its one byte; Buffer would decode it as 'h' like 'aA=='.
    expect(Buffer.from('aB==', 'base64')).toEqual(Buffer.from('h'));
    expect(decodeBase64Field('iv', 'aA==')).toEqual(Buffer.from('h'));
    expect(() => decodeBase64Field('iv', 'aB==')).toThrow('iv is not valid base64');
  });

  it('should reject an empty field', () => {
    expect(() => decodeBase64Field('iv', '')).toThrow('iv is empty');
  });

  it('should reject a value that is not a string (untyped JSON callers)', () => {
    expect(() => decodeBase64Field('sessionKey', 42)).toThrow('sessionKey is not a string');
  });

  it('should round-trip any bytes, plain, space-mangled or URI-encoded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (array) => {
        const bytes = Buffer.from(array);
        const text = bytes.toString('base64');
        for (const sent of [text, text.replace(/\+/g, ' '), encodeURIComponent(text)]) {
          expect(decodeBase64Field('encryptedData', sent)).toEqual(bytes);
        }
      }),
    );
  });

  it('should never half-decode: one foreign character anywhere is rejected', () => {
    const foreign = fc.constantFrom(...'!"#$&\'()*,-.:;<>?@[\\]^_`{|}~\t\n\r\u00e9\u4e2d');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.nat(),
        foreign,
        (array, position, character) => {
          const text = Buffer.from(array).toString('base64');
          const at = position % (text.length + 1);
          const damaged = text.slice(0, at) + character + text.slice(at);
          expect(() => decodeBase64Field('encryptedData', damaged)).toThrow(InvalidBase64Error);
        },
      ),
    );
  });
});

/**
 * The definition the decoder must meet, by brute force: repair, decode, and accept only when
 * re-encoding gives back exactly the repaired text.
 */
function decodeByRoundTrip(text: string): Buffer | undefined {
  const repaired = repairBase64(text);
  const bytes = Buffer.from(repaired, 'base64');
  return repaired.length > 0 && bytes.toString('base64') === repaired ? bytes : undefined;
}

function decodeOrUndefined(text: string): Buffer | undefined {
  try {
    return decodeBase64Field('encryptedData', text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidBase64Error);
    return undefined;
  }
}

describe('decodeBase64Field against the round-trip definition', () => {
  // Few characters, so that short random strings often hit padding, escapes and trailing bits.
  const character = fc.constantFrom(...'AQgwBhz09+/= %23DFb-_\n\u00e9');

  it('should agree on random short strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: character, maxLength: 16 }), (text) => {
        expect(decodeOrUndefined(text)).toEqual(decodeByRoundTrip(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('should agree on canonical base64 with one character replaced (stray bits, bad padding)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        character,
        (array, position, replacement) => {
          const text = Buffer.from(array).toString('base64');
          const at = position % text.length;
          const damaged = text.slice(0, at) + replacement + text.slice(at + 1);
          expect(decodeOrUndefined(damaged)).toEqual(decodeByRoundTrip(damaged));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
