/**
 * WeChat's anonymous stand-in profile. Since 2021-04-28 `wx.getUserInfo` (and since 2022-10-25
 * `wx.getUserProfile`) gives the nickname 微信用户 and a grey default avatar instead of the user's
 * own, signed and encrypted like real data (WECHAT_DOCS.anonymousUserInfo, anonymousUserProfile).
 */
export const ANONYMOUS_NICKNAME = '微信用户';

/** The host of WeChat's avatar images. */
export const AVATAR_HOST = 'thirdwx.qlogo.cn';

/**
 * Path of the grey default avatar on {@link AVATAR_HOST} up to its last segment, which is only
 * the size in pixels (0, 46, 64, 96, 132).
 */
export const DEFAULT_AVATAR_PATH =
  '/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/';

/** The grey default avatar at 132 px, as getUserInfo gives it. */
export const DEFAULT_AVATAR_URL = `https://${AVATAR_HOST}${DEFAULT_AVATAR_PATH}132`;
