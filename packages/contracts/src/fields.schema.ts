// Field schemas shared by several request schemas. Internal: the package's public API is the
// request/response schemas built from them (see index.ts).
import * as z from 'zod/mini';

/** Visible ASCII (0x21–0x7E): what WeChat codes and our tokens are made of; no spaces, no controls. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** Printable ASCII (0x20–0x7E), spaces included: see {@link openDataText}. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * WeChat documents neither one-time code's format, only that it is a short opaque string (32
 * characters today), hence a generous bound instead of an exact pattern.
 */
const oneTimeCode = (description: string) =>
  z.string().check(z.maxLength(128), z.regex(VISIBLE_ASCII), z.meta({ description }));

/**
 * The login code of `wx.login`: valid for 5 minutes, once, for `jscode2session` of the AppID that
 * issued it.
 */
export const loginCode = oneTimeCode('login code from wx.login (5 minutes, single use)');

/**
 * The phone code of the `getPhoneNumber` button: valid for 5 minutes, once, for
 * `getuserphonenumber`. Not interchangeable with a login code.
 */
export const phoneCode = oneTimeCode(
  'phone code from the getPhoneNumber button (5 minutes, single use)',
);

/**
 * A mini-program AppID as WeChat issues them: `wx` + 16 hex digits. Case is spelled out in the
 * class instead of an `i` flag because JSON Schema patterns carry no flags (OpenAPI would differ).
 */
export const appId = z.string().check(z.regex(/^wx[0-9a-fA-F]{16}$/));

/**
 * Base64 text produced by WeChat's open-data encryption (`encryptedData`, `iv`), bounded by
 * `maxLength`. Spaces and `%` are deliberately allowed: a `+` turned into a space by form
 * encoding, or base64 passed through `encodeURIComponent`, is a known client bug that the server
 * repairs before decrypting (see `@wxlogin/wxcrypto`), so rejecting it here would turn a
 * recoverable request into a validation error.
 */
function openDataText(maxLength: number) {
  return z.string().check(z.maxLength(maxLength), z.regex(PRINTABLE_ASCII));
}

/**
 * Ciphertext of a phone-number or user-info payload. Real payloads are well under 1 KB of base64;
 * 8 KB leaves room for URL-encoding (up to 3× for `+`, `/`, `=`) and for larger profiles.
 */
export const encryptedData = openDataText(8 * 1024);

/**
 * The 16-byte AES IV, base64 (24 characters). The bound is 128, not 24, because a fully
 * URL-encoded IV can reach 72 characters and the server repairs that (see {@link openDataText}).
 */
export const iv = openDataText(128);

/** One of wxlogin's opaque refresh tokens (random bytes, base64url, issued by the API). */
export const refreshToken = z.string().check(z.maxLength(512), z.regex(VISIBLE_ASCII));

// Control characters (C0, DEL, C1) and the bidi overrides/isolates that can make a name render
// as something else ("Trojan Source"). Emoji joiners (U+200D) stay allowed.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$/;

/** A display name: trimmed first, then 1–32 UTF-16 code units, no control characters. */
export const nickname = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(32), z.regex(NO_CONTROL_CHARACTERS));

/**
 * An absolute http(s) URL of at most 1024 characters. Plain `http` is accepted because the dev
 * API serves avatars from `http://127.0.0.1`; the API decides which hosts it trusts.
 */
export const httpUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(1024));
