import { type Base64Field, InvalidBase64Error } from './wx-crypto.errors';

/**
 * The percent-escapes `encodeURIComponent` produces for the three base64 characters it escapes.
 * One seed sends `encodeURIComponent(res.encryptedData)` and the server never decodes it.
 */
const PERCENT_ESCAPES: Record<string, string> = { '%2B': '+', '%2F': '/', '%3D': '=' };

/**
 * Undoes the two ways base64 open data gets mangled in transit, and nothing more:
 * - `+` turned into a space by a form/query decoder (binarywang/WxJava#666; PROTOCOL.md §3.3);
 * - the whole value passed through `encodeURIComponent` and never decoded.
 * Base64 contains neither spaces nor `%`, so neither repair can change a well-formed value.
 */
export function repairBase64(text: string): string {
  return text
    .replace(/%(?:2B|2F|3D)/gi, (escape) => PERCENT_ESCAPES[escape.toUpperCase()] ?? escape)
    .replace(/ /g, '+');
}

/**
 * Decodes one base64 field after {@link repairBase64}. Node's `Buffer.from(text, 'base64')` skips
 * characters it does not know, accepts url-safe `-`/`_`, missing padding and stray bits after the
 * last byte, so malformed input would be half-decoded into the wrong bytes. The field is therefore
 * accepted only when it is exactly the canonical standard base64 (RFC 4648 §4, padded) of the bytes
 * it decodes to; that round trip rejects everything a strict pattern would, and non-canonical bits too.
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
  const repaired = repairBase64(value);
  const bytes = Buffer.from(repaired, 'base64');
  if (bytes.toString('base64') !== repaired) {
    throw new InvalidBase64Error(field);
  }
  return bytes;
}
