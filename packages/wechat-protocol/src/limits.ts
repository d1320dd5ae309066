/**
 * WeChat's documented lifetimes and limits, in milliseconds and counts. Each names its page in
 * WECHAT_DOCS.
 */
export const WECHAT_LIMITS = {
  /** A wx.login code and a phone code each live 5 minutes and are exchanged once (wxLogin, getPhoneNumber). */
  oneTimeCodeTtlMs: 5 * 60_000,
  /** An access_token of either kind lives 7200 s at most (getAccessToken, getStableAccessToken). */
  accessTokenTtlMs: 7_200_000,
  /** Normal-mode stable_token hands out a new token in the last 5 minutes of the old one, which stays valid (getStableAccessToken). */
  stableTokenRenewBeforeMs: 5 * 60_000,
  /** Forced stable_token refreshes closer together than this do not refresh (getStableAccessToken). */
  forceRefreshMinIntervalMs: 30_000,
  /** Forced stable_token refreshes a day (getStableAccessToken); the next answers 45009. */
  forceRefreshesPerDay: 20,
  /** jscode2session calls a user may cause a minute before 45011 (code2SessionMiniGame). */
  code2SessionPerUserPerMinute: 100,
} as const;
