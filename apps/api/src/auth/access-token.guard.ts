import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { SessionsRepository } from '../sessions/sessions.repository';
import { IS_PUBLIC } from './auth.decorators';
import { TokenService } from './token.service';

// The auth scheme is case-insensitive (RFC 9110 §11.1); the token is a compact JWS.
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+) *$/i;

/**
 * Global guard: every route needs `Authorization: Bearer <access token>` unless marked
 * `@Public()`. Besides the JWT signature and expiry, the session it names is looked up by primary
 * key on every request — no cache — so logout and refresh-token reuse revoke at once, on every
 * instance; the cost is one indexed query per authenticated request.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsRepository,
  ) {}

  /** `@Public()` per controller class and handler: metadata is fixed once the app is built. */
  private readonly publicRoutes = new WeakMap<object, WeakMap<object, boolean>>();

  // Not `async`: Nest awaits only a non-boolean result, so public routes (login, refresh) pass
  // without a promise and its extra microtask hops.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    return this.isPublic(context) || this.authenticate(context);
  }

  private isPublic(context: ExecutionContext): boolean {
    const controller = context.getClass();
    const handler = context.getHandler();
    let handlers = this.publicRoutes.get(controller);
    if (handlers === undefined) {
      handlers = new WeakMap();
      this.publicRoutes.set(controller, handlers);
    }
    let isPublic = handlers.get(handler);
    if (isPublic === undefined) {
      isPublic =
        this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [handler, controller]) ===
        true;
      handlers.set(handler, isPublic);
    }
    return isPublic;
  }

  private async authenticate(context: ExecutionContext): Promise<boolean> {
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
