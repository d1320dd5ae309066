import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { SessionsRepository } from '../sessions/sessions.repository';
import { TokenService } from './token.service';

// The auth scheme is case-insensitive (RFC 9110 §11.1); the token is a compact JWS.
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;

/**
 * `@UseGuards(WxLoginAuthGuard)`: the route needs `Authorization: Bearer <access token>`, a token
 * this module issued (wxlogin's own JWT, not WeChat's access_token). Besides the JWT signature and
 * expiry, the session it names is looked up by primary key on every request — no cache — so
 * logout and refresh-token reuse revoke at once, on every instance; the cost is one indexed query
 * per authenticated request. The caller is then `@CurrentUser()`. Not global: the module's own
 * routes use it explicitly, a host's routes opt in.
 */
@Injectable()
export class WxLoginAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    const principal =
      match?.[1] === undefined ? undefined : this.tokens.verifyAccessToken(match[1]);
    if (principal === undefined) throw new ApiError('UNAUTHENTICATED');
    if (!(await this.sessions.isActive(principal.sessionId, principal.userId))) {
      throw new ApiError('UNAUTHENTICATED', 'session revoked or expired');
    }
    request.principal = principal;
    return true;
  }
}
