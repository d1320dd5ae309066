import {
  LoginRequest,
  PhoneProof,
  PhoneRequest,
  RefreshRequest,
  UserInfoRequest,
} from './auth.schema';
import { issuesOf } from './issues.testing';

const APP_ID = 'wx5f3c9a2b7d1e4c60';
const LOGIN_CODE = '0a3Xyz000abcDEF1Gh2iJk3LmN4oP5qR';
const ENCRYPTED =
  'CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYStslQ142d';
const IV = 'r7BXXKkLb8qrSNn05n0qiA==';

describe('PhoneProof', () => {
  it('should accept the phone-code flow', () => {
    expect(PhoneProof.parse({ code: LOGIN_CODE })).toEqual({ code: LOGIN_CODE });
  });

  it('should accept the legacy encryptedData/iv flow', () => {
    expect(PhoneProof.parse({ encryptedData: ENCRYPTED, iv: IV })).toEqual({
      encryptedData: ENCRYPTED,
      iv: IV,
    });
  });

  it('should keep base64 whose + became spaces or that was URL-encoded, for the server to repair', () => {
    const spaced = { encryptedData: ENCRYPTED.replace(/\+/g, ' '), iv: IV };
    const urlEncoded = { encryptedData: encodeURIComponent(ENCRYPTED), iv: encodeURIComponent(IV) };
    expect(PhoneProof.parse(spaced)).toEqual(spaced);
    expect(PhoneProof.parse(urlEncoded)).toEqual(urlEncoded);
  });

  it('should accept a fully URL-encoded IV (the worst case, 72 characters)', () => {
    const worstIv = '%2B'.repeat(22) + '%3D%3D';
    expect(worstIv).toHaveLength(72);
    expect(issuesOf(PhoneProof, { encryptedData: ENCRYPTED, iv: worstIv })).toEqual([]);
  });

  it.each([
    ['both shapes at once', { code: LOGIN_CODE, encryptedData: ENCRYPTED, iv: IV }],
    ['encryptedData without iv', { encryptedData: ENCRYPTED }],
    ['iv without encryptedData', { iv: IV }],
    ['an unknown key beside code', { code: LOGIN_CODE, errMsg: 'getPhoneNumber:ok' }],
    ['an empty object', {}],
    ['a bare string', LOGIN_CODE],
    ['null', null],
  ])('should reject %s', (_label, input) => {
    expect(issuesOf(PhoneProof, input)).toEqual([':invalid_union']);
  });

  it.each([
    ['an empty code', { code: '' }],
    ['a code with a space', { code: 'abc def' }],
    ['a code with a control character', { code: 'abc\u0000' }],
    ['a code longer than 128 characters', { code: 'a'.repeat(129) }],
    ['a numeric code', { code: 123 }],
    ['encryptedData longer than 8 KB', { encryptedData: 'A'.repeat(8 * 1024 + 1), iv: IV }],
    ['an iv longer than 128 characters', { encryptedData: ENCRYPTED, iv: 'A'.repeat(129) }],
    ['non-ASCII ciphertext', { encryptedData: '密文', iv: IV }],
    ['an empty iv', { encryptedData: ENCRYPTED, iv: '' }],
  ])('should reject %s', (_label, input) => {
    expect(PhoneProof.safeParse(input).success).toBe(false);
  });

  it('should be what PhoneRequest validates', () => {
    expect(PhoneRequest).toBe(PhoneProof);
  });
});

describe('LoginRequest', () => {
  it('should accept a bare code', () => {
    expect(LoginRequest.parse({ code: LOGIN_CODE })).toEqual({ code: LOGIN_CODE });
  });

  it('should accept an appId and either phone proof', () => {
    expect(
      issuesOf(LoginRequest, { code: LOGIN_CODE, appId: APP_ID, phone: { code: 'p' } }),
    ).toEqual([]);
    expect(
      issuesOf(LoginRequest, { code: LOGIN_CODE, phone: { encryptedData: ENCRYPTED, iv: IV } }),
    ).toEqual([]);
  });

  it('should accept upper-case hex digits but only the lower-case wx prefix', () => {
    expect(issuesOf(LoginRequest, { code: LOGIN_CODE, appId: 'WX5F3C9A2B7D1E4C60' })).toEqual([
      'appId:invalid_format',
    ]);
    expect(issuesOf(LoginRequest, { code: LOGIN_CODE, appId: 'wx5F3C9A2B7D1E4C60' })).toEqual([]);
  });

  it.each([
    ['a missing code', { appId: APP_ID }, ['code:invalid_type']],
    ['a typo in a key', { code: LOGIN_CODE, appid: APP_ID }, [':unrecognized_keys']],
    [
      'an appId that is not wx + 16 hex',
      { code: LOGIN_CODE, appId: 'wx5f3c9a2b7d1e4c6' },
      ['appId:invalid_format'],
    ],
    [
      'an appId with a non-hex digit',
      { code: LOGIN_CODE, appId: 'wx5f3c9a2b7d1e4c6g' },
      ['appId:invalid_format'],
    ],
    ['an appId of null', { code: LOGIN_CODE, appId: null }, ['appId:invalid_type']],
    [
      'a phone carrying both proofs',
      { code: LOGIN_CODE, phone: { code: 'p', iv: IV } },
      ['phone:invalid_union'],
    ],
    ['a code of the wrong type', { code: ['a'] }, ['code:invalid_type']],
    ['a code longer than 128 characters', { code: 'x'.repeat(129) }, ['code:too_big']],
  ])('should reject %s', (_label, input, expected) => {
    expect(issuesOf(LoginRequest, input)).toEqual(expected);
  });
});

describe('UserInfoRequest', () => {
  const valid = {
    rawData:
      '{"nickName":"小明","gender":0,"language":"zh_CN","avatarUrl":"https://thirdwx.qlogo.cn/x/132"}',
    signature: '75e81ceda165f4ffa64f4068af58c64b8f54b88c',
    encryptedData: ENCRYPTED,
    iv: IV,
  };

  it('should accept what wx.getUserInfo returns', () => {
    expect(UserInfoRequest.parse(valid)).toEqual(valid);
  });

  it.each([
    [
      'a signature that is not 40 hex digits',
      { ...valid, signature: 'abc' },
      ['signature:invalid_format'],
    ],
    [
      'a signature with a non-hex digit',
      { ...valid, signature: 'z'.repeat(40) },
      ['signature:invalid_format'],
    ],
    ['an empty rawData', { ...valid, rawData: '' }, ['rawData:too_small']],
    ['rawData longer than 4 KB', { ...valid, rawData: 'x'.repeat(4097) }, ['rawData:too_big']],
    [
      'a missing iv',
      { rawData: valid.rawData, signature: valid.signature, encryptedData: ENCRYPTED },
      ['iv:invalid_type'],
    ],
    [
      'the extra fields wx.getUserInfo also returns',
      { ...valid, userInfo: {}, errMsg: 'getUserInfo:ok' },
      [':unrecognized_keys'],
    ],
  ])('should reject %s', (_label, input, expected) => {
    expect(issuesOf(UserInfoRequest, input)).toEqual(expected);
  });
});

describe('RefreshRequest', () => {
  it('should accept a refresh token', () => {
    expect(issuesOf(RefreshRequest, { refreshToken: 'q1w2e3r4t5y6u7i8o9p0-_' })).toEqual([]);
  });

  it.each([
    ['an empty token', { refreshToken: '' }, ['refreshToken:invalid_format']],
    [
      'a token longer than 512 characters',
      { refreshToken: 'a'.repeat(513) },
      ['refreshToken:too_big'],
    ],
    ['a token with whitespace', { refreshToken: 'abc def' }, ['refreshToken:invalid_format']],
    ['an unknown key', { refreshToken: 'abc', accessToken: 'x' }, [':unrecognized_keys']],
  ])('should reject %s', (_label, input, expected) => {
    expect(issuesOf(RefreshRequest, input)).toEqual(expected);
  });
});
