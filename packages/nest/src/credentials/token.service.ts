import { hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { secureRandomBytes } from '../common/secure-random';
import type { Principal } from './principal';

/** A new refresh token: the value for the client and the only thing stored, its SHA-256. */
export interface IssuedRefreshToken {
  readonly token: string;
  readonly hash: Buffer;
}

interface AccessClaims {
  sub: string;
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * wxlogin's own credentials. Access tokens: HS256 JWTs `{ sub: userId, sid: sessionId }` living
 * `accessTokenTtlSeconds` (the JWT module holds a KeyObject, see credentials.module.ts). Refresh
 * tokens: 32 random bytes, base64url; only their SHA-256 reaches the database.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectSettings() private readonly settings: WxLoginSettings,
  ) {}

  get accessTokenTtlSeconds(): number {
    return this.settings.accessTokenTtlSeconds;
  }

  signAccessToken(principal: Principal): string {
    const claims: AccessClaims = { sub: principal.userId, sid: principal.sessionId };
    return this.jwt.sign(claims);
  }

  /** The principal of a valid, unexpired access token; `undefined` for anything else. */
  verifyAccessToken(token: string): Principal | undefined {
    try {
      const claims = this.jwt.verify<Partial<AccessClaims>>(token, { algorithms: ['HS256'] });
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return undefined;
      if (!UUID.test(claims.sub) || !UUID.test(claims.sid)) return undefined;
      return { userId: claims.sub, sessionId: claims.sid };
    } catch {
      return undefined;
    }
  }

  issueRefreshToken(): IssuedRefreshToken {
    const token = secureRandomBytes(32).toString('base64url');
    return { token, hash: this.hashRefreshToken(token) };
  }

  hashRefreshToken(token: string): Buffer {
    // One-shot: no Hash object per call (login and refresh hot paths).
    return hash('sha256', token, 'buffer');
  }
}
