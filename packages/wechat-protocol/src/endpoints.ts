import type { WechatDoc } from './official-docs.js';

/** Where WeChat's server API lives in production; a simulator stands in for it elsewhere. */
export const WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';

/** The only `grant_type` each kind of credential exchange accepts. */
export const GRANT_TYPE = {
  /** jscode2session: a login code for a session. */
  authorizationCode: 'authorization_code',
  /** /cgi-bin/token and /cgi-bin/stable_token: the AppSecret for an access_token. */
  clientCredential: 'client_credential',
} as const;

/**
 * The only `sig_method` of checksession and resetusersessionkey: the signature is HMAC-SHA256 of
 * the empty string keyed by the session_key's base64 text (`signWithSessionKey` in wxcrypto).
 */
export const SIG_METHOD_HMAC_SHA256 = 'hmac_sha256';

/** One of WeChat's server endpoints, as a caller and a stand-in both need it. */
export interface WechatEndpoint {
  /** Path under {@link WECHAT_API_BASE_URL}. */
  readonly path: string;
  /** Any other method is answered 43001 (GET required) or 43002 (POST required). */
  readonly method: 'GET' | 'POST';
  /**
   * What proves the caller: the app's AppSecret next to its appid, or an access_token. An
   * access_token always travels in the query string, a POST's JSON body notwithstanding.
   */
  readonly credential: 'app-secret' | 'access-token';
  /** Where the parameters other than the access_token travel: query string or JSON body. */
  readonly params: 'query' | 'body';
  /** Parameters with the one value WeChat accepts. */
  readonly fixedParams: Readonly<Record<string, string>>;
  /** The official page of the endpoint ({@link WECHAT_DOCS}). */
  readonly doc: WechatDoc;
}

/** The server endpoints wxlogin calls (the API) and answers (the simulator). */
export const WECHAT_ENDPOINTS = {
  /** A login code for `{ openid, session_key, unionid? }`; needs no access_token. */
  code2Session: {
    path: '/sns/jscode2session',
    method: 'GET',
    credential: 'app-secret',
    params: 'query',
    fixedParams: { grant_type: GRANT_TYPE.authorizationCode },
    doc: 'code2Session',
  },
  /** An access_token; every call invalidates the app's previous one from this endpoint. */
  getAccessToken: {
    path: '/cgi-bin/token',
    method: 'GET',
    credential: 'app-secret',
    params: 'query',
    fixedParams: { grant_type: GRANT_TYPE.clientCredential },
    doc: 'getAccessToken',
  },
  /** An access_token shared by every caller while valid (normal mode), JSON body only. */
  getStableAccessToken: {
    path: '/cgi-bin/stable_token',
    method: 'POST',
    credential: 'app-secret',
    params: 'body',
    fixedParams: { grant_type: GRANT_TYPE.clientCredential },
    doc: 'getStableAccessToken',
  },
  /** A phone code (from the getPhoneNumber button) for the phone number. */
  getPhoneNumber: {
    path: '/wxa/business/getuserphonenumber',
    method: 'POST',
    credential: 'access-token',
    params: 'body',
    fixedParams: {},
    doc: 'getPhoneNumber',
  },
  /** Is a session_key still the user's current one? Proven by a signature, never sent. */
  checkSessionKey: {
    path: '/wxa/checksession',
    method: 'GET',
    credential: 'access-token',
    params: 'query',
    fixedParams: { sig_method: SIG_METHOD_HMAC_SHA256 },
    doc: 'checkSessionKey',
  },
  /** Replaces the user's session_key (same signature as checkSessionKey). */
  resetUserSessionKey: {
    path: '/wxa/resetusersessionkey',
    method: 'GET',
    credential: 'access-token',
    params: 'query',
    fixedParams: { sig_method: SIG_METHOD_HMAC_SHA256 },
    doc: 'resetUserSessionKey',
  },
} as const satisfies Record<string, WechatEndpoint>;

/** The name of one endpoint in {@link WECHAT_ENDPOINTS}. */
export type WechatEndpointName = keyof typeof WECHAT_ENDPOINTS;

/** Query of GET /sns/jscode2session. */
export interface Code2SessionQuery {
  appid: string;
  /** The AppSecret. */
  secret: string;
  /** The code `wx.login` gave the client. */
  js_code: string;
  grant_type: typeof GRANT_TYPE.authorizationCode;
}

/** Query of GET /cgi-bin/token. */
export interface AccessTokenQuery {
  grant_type: typeof GRANT_TYPE.clientCredential;
  appid: string;
  secret: string;
}

/** JSON body of POST /cgi-bin/stable_token. */
export interface StableAccessTokenBody {
  grant_type: typeof GRANT_TYPE.clientCredential;
  appid: string;
  secret: string;
  /** `true`: invalidate the previous stable token at once (limited, see WECHAT_LIMITS). */
  force_refresh?: boolean;
}

/** JSON body of POST /wxa/business/getuserphonenumber (the access_token is in the query). */
export interface PhoneNumberBody {
  /** The phone code from the getPhoneNumber button's event. */
  code: string;
  /** When given, WeChat checks that the phone code was issued to this user. */
  openid?: string;
}

/** Query of GET /wxa/checksession and GET /wxa/resetusersessionkey. */
export interface SessionKeySignatureQuery {
  access_token: string;
  openid: string;
  /** Lowercase hex HMAC-SHA256 of the empty string keyed by the session_key's text. */
  signature: string;
  sig_method: typeof SIG_METHOD_HMAC_SHA256;
}
