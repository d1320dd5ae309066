import { createHmac, createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { WxLoginSettings } from '../options/wxlogin-options';
import { TokenService } from './token.service';

const SECRET = Buffer.from('unit-test-secret-unit-test-secret-0123');
const config = { accessTokenTtlSeconds: 900 } as WxLoginSettings;
const tokens = new TokenService(
  new JwtService({
    secret: createSecretKey(SECRET),
    signOptions: { algorithm: 'HS256', expiresIn: 900 },
    verifyOptions: { algorithms: ['HS256'] },
  }),
  config,
);
const PRINCIPAL = {
  userId: '6f1c1d8e-1111-4222-8333-444455556666',
  sessionId: '7f1c1d8e-1111-4222-8333-444455556666',
};

function unsignedToken(header: object, payload: object, key?: Buffer): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode(header)}.${encode(payload)}`;
  const signature =
    key === undefined ? '' : createHmac('sha256', key).update(body).digest('base64url');
  return `${body}.${signature}`;
}

describe('TokenService', () => {
  it('should round-trip an access token to its principal', () => {
    expect(tokens.verifyAccessToken(tokens.signAccessToken(PRINCIPAL))).toEqual(PRINCIPAL);
  });

  it('should refuse alg none, another key, an expired token and claims that are not ids', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: PRINCIPAL.userId, sid: PRINCIPAL.sessionId, iat: now, exp: now + 60 };
    expect(
      tokens.verifyAccessToken(unsignedToken({ alg: 'none', typ: 'JWT' }, claims)),
    ).toBeUndefined();
    expect(
      tokens.verifyAccessToken(unsignedToken({ alg: 'HS256' }, claims, Buffer.from('other-key'))),
    ).toBeUndefined();
    expect(
      tokens.verifyAccessToken(
        unsignedToken({ alg: 'HS256' }, { ...claims, exp: now - 1 }, SECRET),
      ),
    ).toBeUndefined();
    expect(
      tokens.verifyAccessToken(
        unsignedToken({ alg: 'HS256' }, { ...claims, sub: 'admin' }, SECRET),
      ),
    ).toBeUndefined();
    expect(tokens.verifyAccessToken(unsignedToken({ alg: 'HS256' }, claims, SECRET))).toEqual(
      PRINCIPAL,
    );
  });

  it('should issue random refresh tokens of 32 bytes and store only their SHA-256', () => {
    const a = tokens.issueRefreshToken();
    const b = tokens.issueRefreshToken();
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toEqual(tokens.hashRefreshToken(a.token));
    expect(a.hash).toHaveLength(32);
  });
});
