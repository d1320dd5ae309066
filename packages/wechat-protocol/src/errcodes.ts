import type { WechatDoc } from './official-docs.js';

/**
 * The WeChat errcodes wxlogin handles or its simulator answers with, by name. Code branches on
 * these, never on `errmsg`: WeChat appends a request id to every errmsg and rewords it at will.
 */
export const WX_ERRCODE = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_GRANT_TYPE: 40002,
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  INVALID_CODE: 40029,
  INVALID_APPSECRET: 40125,
  CODE_BEEN_USED: 40163,
  IP_NOT_WHITELISTED: 40164,
  CODE_BLOCKED: 40226,
  APPSECRET_FROZEN: 40243,
  ACCESS_TOKEN_MISSING: 41001,
  APPID_MISSING: 41002,
  APPSECRET_MISSING: 41004,
  CODE_MISSING: 41008,
  ACCESS_TOKEN_EXPIRED: 42001,
  REQUIRE_GET: 43001,
  REQUIRE_POST: 43002,
  DAILY_QUOTA_REACHED: 45009,
  MINUTE_QUOTA_REACHED: 45011,
  DATA_FORMAT_ERROR: 47001,
  INVALID_SIG_METHOD: 87008,
  INVALID_SIGNATURE: 87009,
} as const;

/** One of the errcodes above (never 0: success is not an error). */
export type WxErrcode = (typeof WX_ERRCODE)[keyof typeof WX_ERRCODE];

/** What an errcode means and where WeChat says so. */
export interface WxErrcodeInfo {
  /** One line, in our words. */
  readonly meaning: string;
  /** The official page that lists it ({@link WECHAT_DOCS}). */
  readonly source: WechatDoc;
  /**
   * WeChat's errmsg text, before the `, rid: …` it appends; given for the errcodes the
   * simulator answers with (it sends the same text).
   */
  readonly errmsg?: string;
}

/** Every errcode of {@link WX_ERRCODE}: its meaning, official source and errmsg text. */
export const WX_ERRCODE_INFO = {
  [WX_ERRCODE.SYSTEM_BUSY]: {
    meaning: 'WeChat is busy and did nothing; the same call may be repeated shortly',
    source: 'code2Session',
    errmsg: 'system error',
  },
  [WX_ERRCODE.INVALID_CREDENTIAL]: {
    meaning: 'access_token invalid, or not the latest: a newer one replaced it',
    source: 'globalErrcodes',
    errmsg:
      'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken',
  },
  [WX_ERRCODE.INVALID_GRANT_TYPE]: {
    meaning: 'grant_type is not the one value the endpoint accepts',
    source: 'globalErrcodes',
    errmsg: 'invalid grant_type',
  },
  [WX_ERRCODE.INVALID_OPENID]: {
    meaning: 'openid unknown to the app',
    source: 'globalErrcodes',
    errmsg: 'invalid openid',
  },
  [WX_ERRCODE.INVALID_APPID]: {
    meaning: 'AppID unknown, or not the app the credential belongs to',
    source: 'globalErrcodes',
    errmsg: 'invalid appid',
  },
  [WX_ERRCODE.INVALID_ACCESS_TOKEN]: {
    meaning: 'access_token malformed or not valid',
    source: 'globalErrcodes',
  },
  [WX_ERRCODE.INVALID_CODE]: {
    meaning: 'code (login or phone) unknown, expired after 5 minutes, or issued to another app',
    source: 'code2Session',
    errmsg: 'invalid code',
  },
  [WX_ERRCODE.INVALID_APPSECRET]: {
    meaning: 'AppSecret wrong for the AppID',
    source: 'globalErrcodes',
    errmsg: 'invalid appsecret',
  },
  [WX_ERRCODE.CODE_BEEN_USED]: {
    meaning: 'code already exchanged once',
    source: 'globalErrcodes',
    errmsg: 'code been used',
  },
  [WX_ERRCODE.IP_NOT_WHITELISTED]: {
    meaning: "the caller's IP address is not on the app's IP whitelist",
    source: 'globalErrcodes',
  },
  [WX_ERRCODE.CODE_BLOCKED]: {
    meaning: "high-risk user: WeChat's risk control blocks this login",
    source: 'code2Session',
    errmsg: 'code blocked',
  },
  [WX_ERRCODE.APPSECRET_FROZEN]: {
    meaning: 'AppSecret frozen by the administrator; unfreeze it in the admin console',
    source: 'globalErrcodes',
  },
  [WX_ERRCODE.ACCESS_TOKEN_MISSING]: {
    meaning: 'no access_token parameter',
    source: 'globalErrcodes',
    errmsg: 'access_token missing',
  },
  [WX_ERRCODE.APPID_MISSING]: {
    meaning: 'no appid parameter',
    source: 'globalErrcodes',
    errmsg: 'appid missing',
  },
  [WX_ERRCODE.APPSECRET_MISSING]: {
    meaning: 'no secret parameter',
    source: 'globalErrcodes',
    errmsg: 'appsecret missing',
  },
  [WX_ERRCODE.CODE_MISSING]: {
    meaning: 'no code parameter',
    source: 'globalErrcodes',
    errmsg: 'missing code',
  },
  [WX_ERRCODE.ACCESS_TOKEN_EXPIRED]: {
    meaning: 'access_token expired (they live 7200 s at most)',
    source: 'globalErrcodes',
    errmsg: 'access_token expired',
  },
  [WX_ERRCODE.REQUIRE_GET]: {
    meaning: 'the endpoint takes GET only',
    source: 'globalErrcodes',
    errmsg: 'require GET method',
  },
  [WX_ERRCODE.REQUIRE_POST]: {
    meaning: 'the endpoint takes POST only',
    source: 'globalErrcodes',
    errmsg: 'require POST method',
  },
  [WX_ERRCODE.DAILY_QUOTA_REACHED]: {
    meaning: "the day's quota is used up (for stable_token: its 20 forced refreshes)",
    source: 'globalErrcodes',
    errmsg: 'reach max api daily quota limit',
  },
  [WX_ERRCODE.MINUTE_QUOTA_REACHED]: {
    meaning: 'too many calls this minute (code2Session: 100 a user); retry next minute',
    source: 'code2Session',
    errmsg: 'api minute-quota reach limit mustslower retry next minute',
  },
  [WX_ERRCODE.DATA_FORMAT_ERROR]: {
    meaning: 'the body is not the JSON object the endpoint expects',
    source: 'globalErrcodes',
    errmsg: 'data format error',
  },
  [WX_ERRCODE.INVALID_SIG_METHOD]: {
    // The page requires hmac_sha256 but names no errcode for another value: the number is the
    // simulator's choice, next to 87009.
    meaning: 'sig_method is not hmac_sha256, the only one the page allows',
    source: 'checkSessionKey',
    errmsg: 'invalid sig_method',
  },
  [WX_ERRCODE.INVALID_SIGNATURE]: {
    meaning: "signature not made with the user's current session_key: the key held is stale",
    source: 'checkSessionKey',
    errmsg: 'invalid signature',
  },
} as const satisfies Record<WxErrcode, WxErrcodeInfo>;

/** The errcodes whose errmsg text is known: the only ones a stand-in for WeChat can send. */
export type WxErrcodeWithErrmsg = {
  [C in WxErrcode]: (typeof WX_ERRCODE_INFO)[C] extends { readonly errmsg: string } ? C : never;
}[WxErrcode];

/** WeChat's error body, in an HTTP 200 answer. */
export interface WechatErrorReply<C extends number = number> {
  errcode: C;
  errmsg: string;
}

/**
 * The error in a parsed reply, or `undefined` when it is none: WeChat's successes carry no
 * errcode (code2Session, tokens) or errcode 0 (the others). A missing errmsg reads as ''.
 */
export function wechatErrorOf(reply: unknown): WechatErrorReply | undefined {
  if (typeof reply !== 'object' || reply === null || !('errcode' in reply)) return undefined;
  const { errcode, errmsg } = reply as { errcode: unknown; errmsg?: unknown };
  if (typeof errcode !== 'number' || errcode === 0) return undefined;
  return { errcode, errmsg: typeof errmsg === 'string' ? errmsg : '' };
}

/** Narrows a typed reply (a success or WeChat's error body) to the error. */
export function isWechatErrorReply<S extends object, C extends number>(
  reply: S | WechatErrorReply<C>,
): reply is WechatErrorReply<C> {
  return wechatErrorOf(reply) !== undefined;
}
