import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who is calling: set by WxLoginAuthGuard on the routes it guards. */
export interface Principal {
  readonly userId: string;
  readonly sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** The authenticated caller of a route guarded by `WxLoginAuthGuard`. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  // The guard runs before the handler; a missing principal is a wiring bug.
  if (principal === undefined) throw new Error('@CurrentUser() used without WxLoginAuthGuard');
  return principal;
});
