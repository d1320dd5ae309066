import { TokenResponse } from './token.schema';
import { issuesOf } from './issues.testing';

const user = {
  id: '6b1d6a0e-8c0f-4f7e-9b7a-3f1c2d4e5a6b',
  appId: 'wx5f3c9a2b7d1e4c60',
  nickname: null,
  avatarUrl: null,
  phoneNumber: null,
  countryCode: null,
  hasUnionId: false,
  createdAt: '2026-11-21T05:00:00.000Z',
};

describe('TokenResponse', () => {
  const valid = { accessToken: 'a.b.c', refreshToken: 'r', expiresIn: 900, user };

  it('should accept a login answer and strip fields it does not know', () => {
    expect(TokenResponse.parse({ ...valid, tokenType: 'Bearer' })).toEqual(valid);
  });

  it.each([
    ['a fractional expiresIn', { ...valid, expiresIn: 1.5 }, ['expiresIn:invalid_type']],
    ['a zero expiresIn', { ...valid, expiresIn: 0 }, ['expiresIn:too_small']],
    [
      'a missing user',
      { accessToken: 'a', refreshToken: 'r', expiresIn: 900 },
      ['user:invalid_type'],
    ],
  ])('should reject %s', (_label, input, expected) => {
    expect(issuesOf(TokenResponse, input)).toEqual(expected);
  });
});
