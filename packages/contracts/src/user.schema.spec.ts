import { issuesOf } from './issues.testing';
import { AvatarResponse, UpdateProfileRequest, UserResponse, UserView } from './user.schema';

const user = {
  id: '6b1d6a0e-8c0f-4f7e-9b7a-3f1c2d4e5a6b',
  appId: 'wx5f3c9a2b7d1e4c60',
  nickname: '小明',
  avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132',
  phoneNumber: '13800138000',
  countryCode: '86',
  hasUnionId: true,
  createdAt: '2026-11-21T05:00:00.000Z',
};

describe('UserView', () => {
  it('should accept a full user and one with every optional fact null', () => {
    expect(UserView.parse(user)).toEqual(user);
    const bare = { ...user, nickname: null, avatarUrl: null, phoneNumber: null, countryCode: null };
    expect(UserView.parse(bare)).toEqual(bare);
  });

  it('should accept a createdAt with an offset', () => {
    expect(issuesOf(UserView, { ...user, createdAt: '2026-11-21T13:00:00+08:00' })).toEqual([]);
  });

  it('should strip fields a newer server may add, so old clients keep working', () => {
    expect(UserView.parse({ ...user, openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' })).toEqual(user);
  });

  it.each([
    [
      'a createdAt that is not ISO 8601',
      { ...user, createdAt: '21/11/2026' },
      ['createdAt:invalid_format'],
    ],
    [
      'a missing nickname (null, not absent, means unknown)',
      { ...user, nickname: undefined },
      ['nickname:invalid_type'],
    ],
    ['hasUnionId as a string', { ...user, hasUnionId: 'true' }, ['hasUnionId:invalid_type']],
  ])('should reject %s', (_label, input, expected) => {
    expect(issuesOf(UserView, input)).toEqual(expected);
  });

  it('should be what UserResponse wraps', () => {
    expect(UserResponse.parse({ user })).toEqual({ user });
    expect(issuesOf(UserResponse, { user: { ...user, id: 1 } })).toEqual(['user.id:invalid_type']);
  });
});

describe('UpdateProfileRequest', () => {
  it('should trim the nickname', () => {
    expect(UpdateProfileRequest.parse({ nickname: '  小明 ' })).toEqual({ nickname: '小明' });
  });

  it('should accept a 32-character nickname with emoji and an http avatar URL', () => {
    const nickname = '😀'.repeat(16);
    const avatarUrl = 'http://127.0.0.1:3000/api/avatars/0f8e';
    expect(UpdateProfileRequest.parse({ nickname, avatarUrl })).toEqual({ nickname, avatarUrl });
  });

  it('should accept an avatar URL of exactly 1024 characters', () => {
    const prefix = 'https://example.com/';
    const avatarUrl = prefix + 'a'.repeat(1024 - prefix.length);
    expect(issuesOf(UpdateProfileRequest, { avatarUrl })).toEqual([]);
  });

  it.each([
    ['an empty body', {}, [':custom']],
    ['a nickname of only spaces', { nickname: '   ' }, ['nickname:too_small']],
    ['a 33-character nickname', { nickname: 'a'.repeat(33) }, ['nickname:too_big']],
    ['a nickname with a newline', { nickname: '小\n明' }, ['nickname:invalid_format']],
    ['a nickname with a C1 control', { nickname: 'a\u0085b' }, ['nickname:invalid_format']],
    [
      'a nickname with a bidi override',
      { nickname: 'abc\u202egnp.exe' },
      ['nickname:invalid_format'],
    ],
    ['a nickname that is a number', { nickname: 42 }, ['nickname:invalid_type']],
    [
      'a javascript: avatar URL',
      { avatarUrl: 'javascript:alert(1)' },
      ['avatarUrl:invalid_format'],
    ],
    ['an ftp avatar URL', { avatarUrl: 'ftp://example.com/a.png' }, ['avatarUrl:invalid_format']],
    ['a relative avatar URL', { avatarUrl: '/api/avatars/1' }, ['avatarUrl:invalid_format']],
    [
      'an avatar URL over 1024 characters',
      { avatarUrl: `https://example.com/${'a'.repeat(1010)}` },
      ['avatarUrl:too_big'],
    ],
    ['an unknown key', { nickname: 'ok', nickName: 'ok' }, [':unrecognized_keys']],
  ])('should reject %s', (_label, input, expected) => {
    expect(issuesOf(UpdateProfileRequest, input)).toEqual(expected);
  });
});

describe('AvatarResponse', () => {
  it('should accept an avatar URL and reject a missing one', () => {
    expect(issuesOf(AvatarResponse, { avatarUrl: 'https://example.com/a.png' })).toEqual([]);
    expect(issuesOf(AvatarResponse, {})).toEqual(['avatarUrl:invalid_type']);
  });
});
