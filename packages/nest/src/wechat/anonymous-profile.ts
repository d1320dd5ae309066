// WeChat's anonymous stand-in profile. Since 2021-04-28 `wx.getUserInfo` (and since 2022-10-25
// `wx.getUserProfile`) returns the nickname 微信用户 and a grey default avatar instead of the
// user's own, signed and encrypted like real data: storing them would overwrite what the user set.
// https://developers.weixin.qq.com/community/develop/doc/000cacfa20ce88df04cb468bc52801
// https://developers.weixin.qq.com/community/develop/doc/00022c683e8a80b29bed2142b56c01
import { ANONYMOUS_NICKNAME, DEFAULT_AVATAR_PATH } from '@wxlogin/wechat-protocol';

/** Whether `nickName` is WeChat's anonymous placeholder rather than the user's own nickname. */
export function isAnonymousNickname(nickName: string): boolean {
  return nickName.trim() === ANONYMOUS_NICKNAME;
}

/** Whether `avatarUrl` is WeChat's grey default avatar, at any of its sizes (0, 46, 64, 96, 132). */
export function isDefaultAvatar(avatarUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(avatarUrl);
  } catch {
    return false;
  }
  return url.hostname.endsWith('.qlogo.cn') && url.pathname.startsWith(DEFAULT_AVATAR_PATH);
}
