/**
 * The watermark WeChat puts into every sensitive open-data payload.
 * Check `appid` against your own app id; `timestamp` is in seconds since the epoch.
 */
export interface Watermark {
  appid: string;
  timestamp: number;
}

/**
 * The decrypted payload of the legacy phone-number flow (`getPhoneNumber` button with
 * `encryptedData`/`iv`). `phoneNumber` carries the country prefix for non-CN numbers.
 */
export interface PhoneNumberPayload {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  watermark: Watermark;
}

/**
 * The decrypted payload of `getUserInfo`-style open data. Since 2021 WeChat returns an anonymous
 * nickname and avatar here; `openId` and `unionId` stay accurate.
 */
export interface UserInfoPayload {
  openId?: string;
  unionId?: string;
  nickName: string;
  gender?: number;
  language?: string;
  city?: string;
  province?: string;
  country?: string;
  avatarUrl: string;
  watermark: Watermark;
}

/** Input of {@link decryptOpenData}. All base64 fields may arrive with the transit damage repaired. */
export interface DecryptOpenDataInput {
  /** The user's current session_key from code2Session, base64 text of 16 bytes. */
  sessionKey: string;
  /** The `encryptedData` the client received from WeChat, base64. */
  encryptedData: string;
  /** The `iv` sent alongside `encryptedData`, base64 text of 16 bytes. */
  iv: string;
  /** The app id the data must be watermarked for. */
  appId: string;
  /** When given, reject watermarks older than this many seconds. */
  maxAgeSeconds?: number;
  /** Clock for the age check, in milliseconds since the epoch; defaults to `Date.now`. */
  now?: () => number;
}

/** Input of {@link encryptOpenData}. */
export interface EncryptOpenDataInput {
  /** The session key to encrypt under, base64 text of 16 bytes. */
  sessionKey: string;
  /** The JSON-serialisable payload, normally including its `watermark`. */
  payload: object;
  /** The iv to use, base64 text of 16 bytes; a random one when absent. */
  iv?: string;
}

/** Output of {@link encryptOpenData}: what WeChat hands the client. */
export interface EncryptedOpenData {
  /** AES-128-CBC ciphertext of the payload's JSON, base64. */
  encryptedData: string;
  /** The iv used, canonical base64. */
  iv: string;
}
