/**
 * WeChat's mini-program login protocol, named once for the API client that calls WeChat and the
 * simulator that stands in for it: the server endpoints (path, method, how credentials travel),
 * the errcodes (name, meaning, official source, errmsg), the reply types, the documented limits
 * and, for the mini-program's side, the methods `wx.request` accepts. Every fact names its page
 * on developers.weixin.qq.com (WECHAT_DOCS). No dependencies, no side effects.
 *
 * @packageDocumentation
 */
export { WECHAT_DOCS, type WechatDoc } from './official-docs.js';
export {
  GRANT_TYPE,
  SIG_METHOD_HMAC_SHA256,
  WECHAT_API_BASE_URL,
  WECHAT_ENDPOINTS,
  type AccessTokenQuery,
  type Code2SessionQuery,
  type PhoneNumberBody,
  type SessionKeySignatureQuery,
  type StableAccessTokenBody,
  type WechatEndpoint,
  type WechatEndpointName,
} from './endpoints.js';
export {
  WX_ERRCODE,
  WX_ERRCODE_INFO,
  isWechatErrorReply,
  wechatErrorOf,
  type WechatErrorReply,
  type WxErrcode,
  type WxErrcodeInfo,
  type WxErrcodeWithErrmsg,
} from './errcodes.js';
export type {
  AccessTokenReply,
  CheckSessionKeyReply,
  Code2SessionReply,
  PhoneInfo,
  PhoneNumberReply,
  ResetUserSessionKeyReply,
  WechatOkReply,
} from './replies.js';
export { WECHAT_LIMITS } from './limits.js';
export { WECHAT_REQUEST_METHODS, type WechatRequestMethod } from './wx-request.js';
export {
  ANONYMOUS_NICKNAME,
  AVATAR_HOST,
  DEFAULT_AVATAR_PATH,
  DEFAULT_AVATAR_URL,
} from './anonymous-profile.js';
