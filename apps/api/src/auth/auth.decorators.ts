import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const IS_PUBLIC = 'wxlogin:isPublic';

/** Opts a route out of the global access-token guard. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Who is calling: set by the access-token guard on authenticated routes. */
export interface Principal {
  readonly userId: string;
  readonly sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** The authenticated caller of a guarded route. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  // The guard runs first on every non-public route; a missing principal is a wiring bug.
  if (principal === undefined) throw new Error('@CurrentUser() used on a public route');
  return principal;
});
