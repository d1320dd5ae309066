/**
 * Success replies of the endpoints in WECHAT_ENDPOINTS, as WeChat sends them (HTTP 200, JSON).
 * Errors come as `WechatErrorReply` instead; `wechatErrorOf` tells them apart.
 */

/** The `{ errcode: 0, errmsg: 'ok' }` that the /wxa/ endpoints' successes start with. */
export interface WechatOkReply {
  errcode: 0;
  errmsg: 'ok';
}

/**
 * Success of jscode2session. It has **no** errcode (older replies had `errcode: 0`): success is
 * the presence of `openid` and `session_key`.
 */
export interface Code2SessionReply {
  openid: string;
  /** The user's current session_key (base64 of 16 bytes); it never leaves the server. */
  session_key: string;
  /** Only when the mini-program is bound to an Open Platform account. */
  unionid?: string;
}

/** Success of /cgi-bin/token and /cgi-bin/stable_token. */
export interface AccessTokenReply {
  /** Reserve 512 characters to store it. */
  access_token: string;
  /** Seconds left, 7200 at most. */
  expires_in: number;
}

/** `phone_info` of getuserphonenumber. */
export interface PhoneInfo {
  /** With the country code for numbers outside China (`+<countryCode><number>`). */
  phoneNumber: string;
  /** The national number, without country code. */
  purePhoneNumber: string;
  /** A string in the page's field table, a number in its example: parse both. */
  countryCode: string;
  /** `appid` is the app the phone code was issued to; `timestamp` the tap, in seconds. */
  watermark: { timestamp: number; appid: string };
}

/** Success of getuserphonenumber. */
export interface PhoneNumberReply extends WechatOkReply {
  phone_info: PhoneInfo;
}

/** Success of checksession: the signature was made with the user's current session_key. */
export type CheckSessionKeyReply = WechatOkReply;

/** Success of resetusersessionkey: the new key, which replaces the old one at once. */
export interface ResetUserSessionKeyReply extends WechatOkReply {
  openid: string;
  session_key: string;
}
