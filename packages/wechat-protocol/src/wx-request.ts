/**
 * The methods `wx.request` accepts (its `method` option, WECHAT_DOCS.wxRequest, and WeChat's
 * official typings, miniprogram-api-typings). Anything else, PATCH included, fails on a phone with
 * "method invalid", so an API a mini-program calls offers none other.
 */
export const WECHAT_REQUEST_METHODS = [
  'OPTIONS',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'TRACE',
  'CONNECT',
] as const;

/** One method `wx.request` accepts. */
export type WechatRequestMethod = (typeof WECHAT_REQUEST_METHODS)[number];
