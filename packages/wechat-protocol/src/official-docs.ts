/**
 * The official pages every fact in this package comes from, all on developers.weixin.qq.com.
 * Each endpoint, errcode and limit names the page it was read from.
 */
export const WECHAT_DOCS = {
  /** auth.code2Session: parameters, reply, and the errcodes -1, 40029, 40226, 45011. */
  code2Session:
    'https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_code2session',
  /** The mini-game copy of code2Session, which still states the quota behind 45011 (100 a user a minute). */
  code2SessionMiniGame:
    'https://developers.weixin.qq.com/minigame/dev/api-backend/open-api/login/auth.code2Session.html',
  /** wx.login: a code lives 5 minutes and is exchanged once. */
  wxLogin: 'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/login/wx.login.html',
  /** auth.checkSessionKey: the signature, sig_method, and 87009 for a stale key. */
  checkSessionKey:
    'https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_checksessionkey',
  /** auth.resetUserSessionKey: same signature, answers a new key. */
  resetUserSessionKey:
    'https://developers.weixin.qq.com/miniprogram/dev/server/API/user-login/api_resetusersessionkey',
  /** phonenumber.getPhoneNumber: access_token in the query, `{ code, openid? }` in the body. */
  getPhoneNumber:
    'https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber',
  /** auth.getAccessToken (`/cgi-bin/token`): every call replaces the previous token. */
  getAccessToken:
    'https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getAccessToken.html',
  /** auth.getStableAccessToken: normal and forced mode, its limits. */
  getStableAccessToken:
    'https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html',
  /** wx.request: the HTTP methods its `method` option accepts (no PATCH). */
  wxRequest: 'https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html',
  /** The global errcode table: the errcodes an endpoint's own page does not list. */
  globalErrcodes: 'https://developers.weixin.qq.com/doc/oplatform/developers/errCode/errCode.html',
  /** WeChat's announcement that getUserInfo answers 微信用户 and a grey avatar (2021-04-28). */
  anonymousUserInfo:
    'https://developers.weixin.qq.com/community/develop/doc/000cacfa20ce88df04cb468bc52801',
  /** The same for getUserProfile (2022-10-25). */
  anonymousUserProfile:
    'https://developers.weixin.qq.com/community/develop/doc/00022c683e8a80b29bed2142b56c01',
} as const;

/** The name of one official page in {@link WECHAT_DOCS}. */
export type WechatDoc = keyof typeof WECHAT_DOCS;
