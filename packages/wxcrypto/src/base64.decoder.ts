import { type Base64Field, InvalidBase64Error } from './wx-crypto.errors';

/**
 * The percent-escapes `encodeURIComponent` produces for the three base64 characters it escapes.
 * One seed sends `encodeURIComponent(res.encryptedData)` and the server never decodes it.
 */
const PERCENT_ESCAPES: Record<string, string> = { '%2B': '+', '%2F': '/', '%3D': '=' };

/**
 * Undoes the two ways base64 open data gets mangled in transit, and nothing more:
 * - `+` turned into a space by a form/query decoder (binarywang/WxJava#666;
 *   docs/pitfalls.md#pitfall-plus-to-space);
 * - the whole value passed through `encodeURIComponent` and never decoded.
 * Base64 contains neither spaces nor `%`, so neither repair can change a well-formed value.
 */
export function repairBase64(text: string): string {
  return text
    .replace(/%(?:2B|2F|3D)/gi, (escape) => PERCENT_ESCAPES[escape.toUpperCase()] ?? escape)
    .replace(/ /g, '+');
}

/**
 * Any character outside the RFC 4648 §4 alphabet and `=`. A search for one such character is the
 * cheap form of the alphabet check (an anchored `^[…]*$` pattern costs V8 about 4 ns per
 * character; this search under 1).
 */
const FOREIGN_CHARACTER = /[^A-Za-z0-9+/=]/;
/** Characters only a mangled value contains: the space of form decoding, the `%` of an escape. */
const MANGLED = /[ %]/;
const PAD = 0x3d; // '='

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** 6-bit value of each alphabet character, by char code (only alphabet codes are ever looked up). */
const SEXTET = new Uint8Array(128);
for (let value = 0; value < ALPHABET.length; value += 1) {
  SEXTET[ALPHABET.charCodeAt(value)] = value;
}

/**
 * Whether `text` is exactly what `Buffer#toString('base64')` gives for the bytes it decodes to:
 * standard alphabet, padded to a multiple of 4, `=` only as the last one or two characters, and no
 * set bit after the last byte. That last check needs the final significant character alone: before
 * `==` it carries 2 data bits and 4 that must be zero, before `=` 4 data bits and 2 that must be zero.
 */
function isCanonicalBase64(text: string): boolean {
  const { length } = text;
  if (length % 4 !== 0 || FOREIGN_CHARACTER.test(text)) {
    return false;
  }
  const firstPad = text.indexOf('=');
  if (firstPad === -1) {
    return true; // no padding: every bit is data
  }
  if (firstPad === length - 1) {
    return ((SEXTET[text.charCodeAt(length - 2)] ?? 0) & 0b11) === 0;
  }
  if (firstPad === length - 2 && text.charCodeAt(length - 1) === PAD) {
    return ((SEXTET[text.charCodeAt(length - 3)] ?? 0) & 0b1111) === 0;
  }
  return false; // '=' before the end, or three of them
}

/**
 * Decodes one base64 field. Node's `Buffer.from(text, 'base64')` skips characters it does not know,
 * accepts url-safe `-`/`_`, missing padding and stray bits after the last byte, so malformed input
 * would be half-decoded into the wrong bytes. The field is therefore accepted only when it is
 * exactly the canonical standard base64 (RFC 4648 §4, padded) of the bytes it decodes to, checked
 * as it stands or, when it holds a space or `%`, after {@link repairBase64}.
 *
 * @throws {@link InvalidBase64Error} when the field is not a string, is empty or is not canonical base64
 */
export function decodeBase64Field(field: Base64Field, value: unknown): Buffer {
  if (typeof value !== 'string') {
    throw new InvalidBase64Error(field, 'is not a string');
  }
  if (value.length === 0) {
    throw new InvalidBase64Error(field, 'is empty');
  }
  if (isCanonicalBase64(value)) {
    return Buffer.from(value, 'base64');
  }
  if (MANGLED.test(value)) {
    const repaired = repairBase64(value);
    if (isCanonicalBase64(repaired)) {
      return Buffer.from(repaired, 'base64');
    }
  }
  throw new InvalidBase64Error(field);
}
