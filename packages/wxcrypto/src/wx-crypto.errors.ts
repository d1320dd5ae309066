/**
 * Every code a {@link WxCryptoError} can carry, in the order the README's error table lists them.
 * The codes are stable: callers map them to their own error responses.
 */
export const WX_CRYPTO_ERROR_CODES = [
  'INVALID_BASE64',
  'INVALID_SESSION_KEY',
  'INVALID_IV',
  'DECRYPTION_FAILED',
  'MALFORMED_PLAINTEXT',
  'WATERMARK_MISMATCH',
  'WATERMARK_EXPIRED',
] as const;

/** The stable code of a {@link WxCryptoError}; one per cause. */
export type WxCryptoErrorCode = (typeof WX_CRYPTO_ERROR_CODES)[number];

/** The base64 input fields of the open-data functions, named as in their input objects. */
export type Base64Field = 'sessionKey' | 'encryptedData' | 'iv';

/**
 * Base class of every error this package throws on bad input. Switch on {@link WxCryptoError.code}
 * rather than on the message: messages are for logs and never contain the session key or any
 * decrypted data.
 */
export abstract class WxCryptoError extends Error {
  /** The stable code naming the cause. */
  abstract readonly code: WxCryptoErrorCode;

  protected constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A base64 field is not a string, is empty, or is not canonical standard base64 even after the
 * `+`→space and `encodeURIComponent` repairs. Usually a client bug: the data was mangled in transit.
 */
export class InvalidBase64Error extends WxCryptoError {
  readonly code = 'INVALID_BASE64';

  /**
   * @param field - which input field was malformed
   * @param problem - what is wrong with it, without its value
   */
  constructor(
    readonly field: Base64Field,
    problem = 'is not valid base64',
  ) {
    super(`${field} ${problem}`);
  }
}

/** The session key does not decode to exactly 16 bytes (an AES-128 key). */
export class InvalidSessionKeyError extends WxCryptoError {
  readonly code = 'INVALID_SESSION_KEY';

  /** @param byteLength - how many bytes the session key decoded to */
  constructor(readonly byteLength: number) {
    super(`sessionKey decodes to ${byteLength} bytes; an AES-128 key has 16`);
  }
}

/** The iv does not decode to exactly 16 bytes (one AES block). */
export class InvalidIvError extends WxCryptoError {
  readonly code = 'INVALID_IV';

  /** @param byteLength - how many bytes the iv decoded to */
  constructor(readonly byteLength: number) {
    super(`iv decodes to ${byteLength} bytes; an AES-CBC iv has 16`);
  }
}

/**
 * The ciphertext did not decrypt to JSON under this session key: bad PKCS#7 padding, a length that
 * is not a whole number of AES blocks, or (when a wrong key passes the padding check by chance,
 * about 1 time in 256) bytes that are not UTF-8 JSON. WeChat only ever encrypts JSON, so all of these
 * mean the same thing: the session key is not the one WeChat used (usually it is stale because the
 * client called `wx.login` again), or the ciphertext was damaged.
 */
export class DecryptionFailedError extends WxCryptoError {
  readonly code = 'DECRYPTION_FAILED';

  /** @param problem - what failed, without key or data */
  constructor(problem = 'ciphertext does not decrypt under this session key') {
    super(problem);
  }
}

/**
 * The plaintext is JSON but not the shape WeChat sends: not an object, no `watermark` with a string
 * `appid` and a numeric `timestamp`, or (for the typed wrappers) a required field missing.
 */
export class MalformedPlaintextError extends WxCryptoError {
  readonly code = 'MALFORMED_PLAINTEXT';

  /** @param problem - which part is missing or mistyped, without its value */
  constructor(problem: string) {
    super(`decrypted open data ${problem}`);
  }
}

/**
 * The watermark's appid is not the expected one: the data was produced for another mini-program
 * (replayed from elsewhere, or the server used the wrong app's session).
 */
export class WatermarkMismatchError extends WxCryptoError {
  readonly code = 'WATERMARK_MISMATCH';

  /**
   * @param expectedAppId - the appid the caller asked for
   * @param actualAppId - the appid in the watermark (app ids are public, so they may be logged)
   */
  constructor(
    readonly expectedAppId: string,
    readonly actualAppId: string,
  ) {
    super('watermark appid does not match the expected appid');
  }
}

/** The watermark's timestamp is older than the `maxAgeSeconds` the caller allowed. */
export class WatermarkExpiredError extends WxCryptoError {
  readonly code = 'WATERMARK_EXPIRED';

  /**
   * @param ageSeconds - how old the watermark is, in seconds
   * @param maxAgeSeconds - the largest age the caller allowed
   */
  constructor(
    readonly ageSeconds: number,
    readonly maxAgeSeconds: number,
  ) {
    super(`watermark is ${Math.floor(ageSeconds)} s old; at most ${maxAgeSeconds} s is allowed`);
  }
}

/**
 * Whether `error` is one of this package's typed errors, so that `error.code` can be switched on.
 *
 * @example
 * ```ts
 * try { decryptOpenData(input) } catch (e) { if (isWxCryptoError(e) && e.code === 'DECRYPTION_FAILED') … }
 * ```
 */
export function isWxCryptoError(error: unknown): error is WxCryptoError {
  return error instanceof WxCryptoError;
}
