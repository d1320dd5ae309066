import type { PhoneProof } from '@wxlogin/contracts';
import type { PhoneEventDetail } from '../platform.js';

/** What a `getPhoneNumber` tap produced, before anything is sent anywhere. */
export type PhoneEvent =
  | { kind: 'proof'; proof: PhoneProof }
  | { kind: 'denied' }
  | { kind: 'quota-exhausted' }
  /** errno 104: the user has not agreed to the privacy guide yet. */
  | { kind: 'privacy-required' }
  /** errno 112: the phone number is missing from the app's privacy guide (a developer setting). */
  | { kind: 'privacy-undeclared' }
  /** The app may not use the phone button (an unverified or personal mini-program). */
  | { kind: 'no-permission' }
  | { kind: 'failed'; errMsg: string };

/** WeChat's `errno` when the app has used up its paid phone-number quota. */
const ERRNO_QUOTA_EXHAUSTED = 1400001;
/**
 * WeChat's privacy `errno` values: 104 the user has not agreed to the privacy guide, 112 the
 * ability is not declared in it.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 */
const ERRNO_PRIVACY_NOT_AGREED = 104;
const ERRNO_PRIVACY_UNDECLARED = 112;

/**
 * Reads the button's `e.detail`. Prefers the phone `code` (base library ≥ 2.21.2, exchanged
 * server-side and independent of the login state) and falls back to `encryptedData`/`iv`, which
 * the server can only decrypt with the login state of the last silent login.
 */
export function readPhoneEvent(detail: PhoneEventDetail): PhoneEvent {
  const { errMsg = '', errno } = detail;
  if (errno === ERRNO_QUOTA_EXHAUSTED) return { kind: 'quota-exhausted' };
  if (errno === ERRNO_PRIVACY_UNDECLARED || /not declared/i.test(errMsg)) {
    return { kind: 'privacy-undeclared' };
  }
  if (errno === ERRNO_PRIVACY_NOT_AGREED || /privacy/i.test(errMsg)) {
    return { kind: 'privacy-required' };
  }
  if (/deny|cancel/i.test(errMsg)) return { kind: 'denied' };
  if (/:fail no permission/i.test(errMsg)) return { kind: 'no-permission' };
  if (!/:ok$/.test(errMsg)) return { kind: 'failed', errMsg };
  if (detail.code) return { kind: 'proof', proof: { code: detail.code } };
  if (detail.encryptedData && detail.iv) {
    return { kind: 'proof', proof: { encryptedData: detail.encryptedData, iv: detail.iv } };
  }
  return { kind: 'failed', errMsg };
}
