export {
  decryptOpenData,
  decryptPhoneNumber,
  decryptUserInfo,
  encryptOpenData,
} from './open-data.cipher';
export type {
  DecryptOpenDataInput,
  EncryptOpenDataInput,
  EncryptedOpenData,
  PhoneNumberPayload,
  UserInfoPayload,
  Watermark,
} from './open-data.types';
export { signRawData, verifyRawDataSignature } from './raw-data.signature';
export { generateSessionKey, signWithSessionKey } from './session-key';
export {
  DecryptionFailedError,
  InvalidBase64Error,
  InvalidIvError,
  InvalidSessionKeyError,
  MalformedPlaintextError,
  WatermarkExpiredError,
  WatermarkMismatchError,
  WX_CRYPTO_ERROR_CODES,
  WxCryptoError,
  isWxCryptoError,
} from './wx-crypto.errors';
export type { Base64Field, WxCryptoErrorCode } from './wx-crypto.errors';
