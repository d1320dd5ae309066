/**
 * The WeChat errcodes the simulator answers with, and the errmsg text WeChat sends with each.
 * Sources: docs/wechat-protocol.md (code2Session, checkSessionKey / resetUserSessionKey,
 * getPhoneNumber, access_token, each with WeChat's page); global return-code table
 * https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html
 */
export const WX_ERRCODE = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_GRANT_TYPE: 40002,
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_CODE: 40029,
  INVALID_APPSECRET: 40125,
  CODE_BEEN_USED: 40163,
  CODE_BLOCKED: 40226,
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

const ERRMSG: Record<WxErrcode, string> = {
  [WX_ERRCODE.SYSTEM_BUSY]: 'system error',
  [WX_ERRCODE.INVALID_CREDENTIAL]:
    'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken',
  [WX_ERRCODE.INVALID_GRANT_TYPE]: 'invalid grant_type',
  [WX_ERRCODE.INVALID_OPENID]: 'invalid openid',
  [WX_ERRCODE.INVALID_APPID]: 'invalid appid',
  [WX_ERRCODE.INVALID_CODE]: 'invalid code',
  [WX_ERRCODE.INVALID_APPSECRET]: 'invalid appsecret',
  [WX_ERRCODE.CODE_BEEN_USED]: 'code been used',
  [WX_ERRCODE.CODE_BLOCKED]: 'code blocked',
  [WX_ERRCODE.ACCESS_TOKEN_MISSING]: 'access_token missing',
  [WX_ERRCODE.APPID_MISSING]: 'appid missing',
  [WX_ERRCODE.APPSECRET_MISSING]: 'appsecret missing',
  [WX_ERRCODE.CODE_MISSING]: 'missing code',
  [WX_ERRCODE.ACCESS_TOKEN_EXPIRED]: 'access_token expired',
  [WX_ERRCODE.REQUIRE_GET]: 'require GET method',
  [WX_ERRCODE.REQUIRE_POST]: 'require POST method',
  [WX_ERRCODE.DAILY_QUOTA_REACHED]: 'reach max api daily quota limit',
  [WX_ERRCODE.MINUTE_QUOTA_REACHED]: 'api minute-quota reach limit mustslower retry next minute',
  [WX_ERRCODE.DATA_FORMAT_ERROR]: 'data format error',
  [WX_ERRCODE.INVALID_SIG_METHOD]: 'invalid sig_method',
  [WX_ERRCODE.INVALID_SIGNATURE]: 'invalid signature',
};

/** The error body WeChat answers with (HTTP 200). */
export interface WxErrorReply {
  errcode: WxErrcode;
  errmsg: string;
}

let ridSequence = 0;

/**
 * Builds an error reply. WeChat appends a request id to every errmsg ("invalid code, rid: …");
 * clients must branch on errcode, never on the text, and the suffix keeps them honest.
 */
export function wxError(errcode: WxErrcode): WxErrorReply {
  ridSequence = (ridSequence + 1) >>> 0;
  const rid = `${Math.floor(Date.now() / 1000).toString(16)}-${ridSequence.toString(16).padStart(8, '0')}`;
  return { errcode, errmsg: `${ERRMSG[errcode]}, rid: ${rid}` };
}

/** True when a reply is an error body (has a non-zero errcode). */
export function isWxError(reply: object): reply is WxErrorReply {
  return 'errcode' in reply && typeof reply.errcode === 'number' && reply.errcode !== 0;
}
