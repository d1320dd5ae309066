// A subpath of its own (`@wxlogin/wechat-protocol/wx-request`) for the mini-program's side: the
// client kit imports it alone, so that nothing of the server protocol (its endpoints, replies and
// credentials) reaches the mini-program's bundle.

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
