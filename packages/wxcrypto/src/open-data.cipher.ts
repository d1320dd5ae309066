import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { decodeBase64Field } from './base64.decoder';
import { stripPkcs7Padding } from './pkcs7.padding';
import type {
  DecryptOpenDataInput,
  EncryptOpenDataInput,
  EncryptedOpenData,
  PhoneNumberPayload,
  UserInfoPayload,
  Watermark,
} from './open-data.types';
import {
  DecryptionFailedError,
  InvalidIvError,
  InvalidSessionKeyError,
  MalformedPlaintextError,
  WatermarkExpiredError,
  WatermarkMismatchError,
} from './wx-crypto.errors';

// WeChat's open data: AES-128-CBC, PKCS#7, key = base64-decoded session_key, iv from the client.
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
const CIPHER = 'aes-128-cbc';
const AES_BLOCK_BYTES = 16;
const AES_128_KEY_BYTES = 16;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeSessionKey(sessionKey: unknown): Buffer {
  const key = decodeBase64Field('sessionKey', sessionKey);
  if (key.length !== AES_128_KEY_BYTES) {
    throw new InvalidSessionKeyError(key.length);
  }
  return key;
}

function decodeIv(iv: unknown): Buffer {
  const bytes = decodeBase64Field('iv', iv);
  if (bytes.length !== AES_BLOCK_BYTES) {
    throw new InvalidIvError(bytes.length);
  }
  return bytes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decryptToJson(ciphertext: Buffer, key: Buffer, iv: Buffer): unknown {
  if (ciphertext.length % AES_BLOCK_BYTES !== 0) {
    throw new DecryptionFailedError(
      `ciphertext is ${ciphertext.length} bytes, not a whole number of AES blocks (truncated?)`,
    );
  }
  // Without auto-padding, update() returns every block at once and cannot fail on the data (key and
  // iv lengths are checked, the length is whole blocks); the PKCS#7 check that final() would make
  // happens on that one buffer, which spares final() and a Buffer.concat copy.
  const padded = createDecipheriv(CIPHER, key, iv).setAutoPadding(false).update(ciphertext);
  const plaintext = stripPkcs7Padding(padded, AES_BLOCK_BYTES);
  if (plaintext === undefined) {
    throw new DecryptionFailedError();
  }
  // A wrong key yields valid padding about 1 time in 256 and then random bytes. WeChat only ever
  // encrypts UTF-8 JSON, so undecodable plaintext is the same cause as bad padding, and callers get
  // one reliable "stale session_key" signal. No cause is attached: JSON.parse's message quotes the
  // plaintext.
  try {
    return JSON.parse(strictUtf8.decode(plaintext)) as unknown;
  } catch {
    throw new DecryptionFailedError('plaintext is not UTF-8 JSON under this session key');
  }
}

/** Checks the watermark's shape; the payload's own `watermark` is then typed as {@link Watermark}. */
function assertWatermark(
  payload: Record<string, unknown>,
): asserts payload is Record<string, unknown> & { watermark: Watermark } {
  const { watermark } = payload;
  if (!isRecord(watermark)) {
    throw new MalformedPlaintextError('has no watermark object');
  }
  if (typeof watermark.appid !== 'string') {
    throw new MalformedPlaintextError('has no string watermark.appid');
  }
  const { timestamp } = watermark;
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    throw new MalformedPlaintextError('has no numeric watermark.timestamp');
  }
}

// Caller bugs, not bad open data: deliberately RangeError rather than a WxCryptoError, and checked
// before decrypting so that they show up on every call, not only on valid data.
function assertMaxAgeSeconds(maxAgeSeconds: number): void {
  if (!(maxAgeSeconds >= 0) || !Number.isFinite(maxAgeSeconds)) {
    throw new RangeError('maxAgeSeconds must be a finite number >= 0');
  }
}

/** Seconds since the watermark was made; negative for a watermark from the future (clock skew). */
function watermarkAgeSeconds(watermark: Watermark, now: () => number): number {
  const nowMs = now();
  if (!Number.isFinite(nowMs)) {
    throw new RangeError('now() must return finite milliseconds since the epoch');
  }
  return nowMs / 1000 - watermark.timestamp;
}

/**
 * Decrypts WeChat open data (`encryptedData` + `iv` from the client) with the user's session_key
 * and checks its watermark.
 *
 * Steps: repair and strictly decode the base64 fields; AES-128-CBC with PKCS#7; UTF-8 JSON;
 * `watermark.appid === appId`; when `maxAgeSeconds` is given, `now() - watermark.timestamp` at most
 * that (a watermark from the future is accepted: clocks drift). The payload's other fields are not validated: `T` is the caller's claim (see
 * {@link decryptPhoneNumber} and {@link decryptUserInfo} for validated shapes).
 *
 * @typeParam T - the payload shape the caller expects
 * @returns the parsed payload, including its watermark
 * @throws {@link InvalidBase64Error} a field is not (repairable) base64
 * @throws {@link InvalidSessionKeyError} the session key is not 16 bytes
 * @throws {@link InvalidIvError} the iv is not 16 bytes
 * @throws {@link DecryptionFailedError} the key is not the one WeChat used (stale) or the data is damaged
 * @throws {@link MalformedPlaintextError} JSON without a well-formed watermark
 * @throws {@link WatermarkMismatchError} the watermark names another app
 * @throws {@link WatermarkExpiredError} the watermark is older than `maxAgeSeconds`
 * @throws RangeError when `maxAgeSeconds` is negative or not finite, or `now()` is not finite (caller bugs)
 *
 * @example
 * ```ts
 * const user = decryptOpenData<UserInfoPayload>({ sessionKey, encryptedData, iv, appId });
 * ```
 */
export function decryptOpenData<T extends object = Record<string, unknown>>(
  input: DecryptOpenDataInput,
): T & { watermark: Watermark } {
  const { appId, maxAgeSeconds } = input;
  if (maxAgeSeconds !== undefined) {
    assertMaxAgeSeconds(maxAgeSeconds);
  }
  const key = decodeSessionKey(input.sessionKey);
  const iv = decodeIv(input.iv);
  const ciphertext = decodeBase64Field('encryptedData', input.encryptedData);

  const payload = decryptToJson(ciphertext, key, iv);
  if (!isRecord(payload)) {
    throw new MalformedPlaintextError('is not a JSON object');
  }
  assertWatermark(payload);
  const { watermark } = payload;
  if (watermark.appid !== appId) {
    throw new WatermarkMismatchError(appId, watermark.appid);
  }
  if (maxAgeSeconds !== undefined) {
    // `now` is read only here: most calls pass no maxAgeSeconds and never need it.
    const { now = Date.now } = input;
    const ageSeconds = watermarkAgeSeconds(watermark, now);
    if (ageSeconds > maxAgeSeconds) {
      throw new WatermarkExpiredError(ageSeconds, maxAgeSeconds);
    }
  }
  return payload as T & { watermark: Watermark };
}

type FieldKind = 'string' | 'number';

function requireFields(
  payload: Record<string, unknown>,
  required: Readonly<Record<string, FieldKind>>,
  optional: Readonly<Record<string, FieldKind>> = {},
): void {
  for (const [name, kind] of Object.entries(required)) {
    if (typeof payload[name] !== kind) {
      throw new MalformedPlaintextError(`has no ${kind} ${name}`);
    }
  }
  for (const [name, kind] of Object.entries(optional)) {
    if (payload[name] !== undefined && typeof payload[name] !== kind) {
      throw new MalformedPlaintextError(`has a non-${kind} ${name}`);
    }
  }
}

/**
 * {@link decryptOpenData} for the legacy phone-number flow, with the payload's fields checked at
 * runtime so the result really is a {@link PhoneNumberPayload}.
 *
 * @throws every error of {@link decryptOpenData}; {@link MalformedPlaintextError} also when
 * `phoneNumber`, `purePhoneNumber` or `countryCode` is not a string
 */
export function decryptPhoneNumber(input: DecryptOpenDataInput): PhoneNumberPayload {
  const payload = decryptOpenData<Record<string, unknown>>(input);
  requireFields(payload, {
    phoneNumber: 'string',
    purePhoneNumber: 'string',
    countryCode: 'string',
  });
  return payload as unknown as PhoneNumberPayload;
}

/**
 * {@link decryptOpenData} for `getUserInfo`-style data, with the payload's fields checked at runtime
 * so the result really is a {@link UserInfoPayload}.
 *
 * @throws every error of {@link decryptOpenData}; {@link MalformedPlaintextError} also when
 * `nickName` or `avatarUrl` is not a string, or an optional field has the wrong type
 */
export function decryptUserInfo(input: DecryptOpenDataInput): UserInfoPayload {
  const payload = decryptOpenData<Record<string, unknown>>(input);
  requireFields(
    payload,
    { nickName: 'string', avatarUrl: 'string' },
    {
      openId: 'string',
      unionId: 'string',
      gender: 'number',
      language: 'string',
      city: 'string',
      province: 'string',
      country: 'string',
    },
  );
  return payload as unknown as UserInfoPayload;
}

/**
 * Encrypts a payload the way WeChat does, so that {@link decryptOpenData} accepts it. For the
 * simulator and tests; a real server never encrypts open data.
 *
 * @returns base64 `encryptedData` and the base64 `iv` used (random unless given)
 * @throws {@link InvalidBase64Error}, {@link InvalidSessionKeyError}, {@link InvalidIvError} for a
 * bad key or iv
 */
export function encryptOpenData(input: EncryptOpenDataInput): EncryptedOpenData {
  const key = decodeSessionKey(input.sessionKey);
  const iv = input.iv === undefined ? randomBytes(AES_BLOCK_BYTES) : decodeIv(input.iv);
  const cipher = createCipheriv(CIPHER, key, iv);
  const plaintext = Buffer.from(JSON.stringify(input.payload), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { encryptedData: ciphertext.toString('base64'), iv: iv.toString('base64') };
}
