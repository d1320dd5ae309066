import { applyDecorators, Body, HttpCode, RequestMapping, RequestMethod } from '@nestjs/common';
import type { ServerRoute } from '@wxlogin/contracts';
import { ZodValidationPipe } from '../common/zod-validation.pipe';

/** A route of the table whose request is a JSON body with a schema. */
type JsonBodyRoute = ServerRoute & { readonly body: NonNullable<ServerRoute['body']> };

/** The table's `{name}` path parameters in Nest's `:name` syntax. */
export function nestPathOf(route: ServerRoute): string {
  return route.path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Registers a controller method as `route` of `SERVER_ROUTES`: its method, its full path (the
 * table's, `/api/…`; the module sets no prefix of its own) and its success status.
 */
export function WxLoginRoute(route: ServerRoute): MethodDecorator {
  return applyDecorators(
    RequestMapping({ path: nestPathOf(route), method: RequestMethod[route.method] }),
    HttpCode(route.response.status),
  );
}

/** The request body, validated with `route`'s schema from `SERVER_ROUTES`. */
export function BodyOf(route: JsonBodyRoute): ParameterDecorator {
  return Body(new ZodValidationPipe(route.body));
}
