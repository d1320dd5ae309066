import { isAnonymousNickname, isDefaultAvatar } from './anonymous-profile';

const GREY_AVATAR =
  'https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132';

describe('anonymous profile', () => {
  it('should recognise the placeholder nickname 微信用户 and nothing else', () => {
    expect(isAnonymousNickname('微信用户')).toBe(true);
    expect(isAnonymousNickname(' 微信用户 ')).toBe(true);
    expect(isAnonymousNickname('微信用户1')).toBe(false);
    expect(isAnonymousNickname('小明')).toBe(false);
  });

  it('should recognise the grey default avatar at every size, and not a real avatar', () => {
    expect(isDefaultAvatar(GREY_AVATAR)).toBe(true);
    expect(isDefaultAvatar(GREY_AVATAR.replace(/132$/, '0'))).toBe(true);
    expect(isDefaultAvatar(GREY_AVATAR.replace('thirdwx', 'wx'))).toBe(true);
    expect(
      isDefaultAvatar('https://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4TwGTfTK1abcdefghijklmnop/132'),
    ).toBe(false);
    expect(isDefaultAvatar(`https://example.com${new URL(GREY_AVATAR).pathname}`)).toBe(false);
    expect(isDefaultAvatar('not a url')).toBe(false);
  });
});
