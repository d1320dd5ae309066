import { ErrorEnvelope, type Route, type RouteBody, type RouteReply } from '@wxlogin/contracts';
import { ApiError, NetworkError, UnexpectedResponseError } from '../errors.js';
import type { AuthPlatform, HttpResponse } from '../platform.js';

/**
 * `R` itself when its path has no `{parameter}`, else `never` (a type error where it is passed):
 * the client calls only such routes, so `route.path` is the URL's path as it stands.
 */
export type FixedPath<R extends Route> = R['path'] extends `${string}{${string}` ? never : R;

/** A route that takes JSON (or nothing) and answers JSON (or nothing): every one but uploads. */
export type JsonRoute = Route & {
  readonly request: { readonly kind: 'none' | 'json' };
  readonly response: { readonly kind: 'json' | 'empty' };
};

/** A route that takes one file as `multipart/form-data` (`wx.uploadFile` always POSTs). */
export type FileRoute = Route & {
  readonly method: 'POST';
  readonly request: { readonly kind: 'file'; readonly field: string };
  readonly response: { readonly kind: 'json' };
};

/**
 * The HTTP layer: sends one request for a route of the contracts' table (`ROUTES`) and reads its
 * answer by the route's schema. Paths, methods and upload fields come from the table only.
 * `accessToken` goes out as `Authorization: Bearer`; `null` for public routes.
 */
export interface ApiClient {
  send<R extends JsonRoute>(
    route: FixedPath<R>,
    body: RouteBody<R>,
    accessToken: string | null,
  ): Promise<RouteReply<R>>;
  upload<R extends FileRoute>(
    route: FixedPath<R>,
    filePath: string,
    accessToken: string | null,
  ): Promise<RouteReply<R>>;
}

/** @param apiBase prefix of every path: an absolute origin, or `''` for the page's own origin */
export function createApiClient(
  platform: Pick<AuthPlatform, 'request' | 'uploadFile'>,
  apiBase: string,
): ApiClient {
  const urlOf = (route: Route) => apiBase + route.path;
  const authorization = (accessToken: string | null): Record<string, string> =>
    accessToken ? { authorization: `Bearer ${accessToken}` } : {};

  return {
    async send(route, body, accessToken) {
      const headers = authorization(accessToken);
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await transmit(() =>
        platform.request({ method: route.method, url: urlOf(route), headers, body }),
      );
      return read(response, route);
    },
    async upload(route, filePath, accessToken) {
      const response = await transmit(() =>
        platform.uploadFile({
          url: urlOf(route),
          filePath,
          fieldName: route.request.field,
          headers: authorization(accessToken),
        }),
      );
      return read(response, route);
    },
  };
}

/** Runs one platform transfer; a rejection means no HTTP answer arrived. */
async function transmit(transfer: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await transfer();
  } catch (error) {
    throw new NetworkError(describeFailure(error));
  }
}

/** The route's success body (parsed by its schema), or the error the answer stands for. */
function read<R extends Route>(response: HttpResponse, route: R): RouteReply<R> {
  const { status, body } = response;
  if (status >= 200 && status < 300) {
    const expected = route.response;
    if (expected.kind !== 'json') return undefined as RouteReply<R>;
    const parsed = expected.schema.safeParse(body);
    if (parsed.success) return parsed.data as RouteReply<R>;
    throw new UnexpectedResponseError(status, 'the body does not match the contract');
  }
  const envelope = ErrorEnvelope.safeParse(body);
  if (!envelope.success) {
    throw new UnexpectedResponseError(status, 'an error without the error envelope');
  }
  throw new ApiError(envelope.data.error.code, status, envelope.data.error.requestId);
}

/** `errMsg` of a failed `wx` call, or the error's message. */
function describeFailure(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) {
    return String(error.errMsg);
  }
  return error instanceof Error ? error.message : String(error);
}
