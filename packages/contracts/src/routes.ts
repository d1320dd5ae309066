import type * as z from 'zod/mini';
import type { LoginRequest, PhoneRequest, RefreshRequest, UserInfoRequest } from './auth.schema.js';
import { HealthResponse } from './health.schema.js';
import { TokenResponse } from './token.schema.js';
import {
  AvatarResponse,
  type UpdateProfileRequest,
  UserResponse,
  UserView,
} from './user.schema.js';

// The API's routes as a client sees them: method, path, auth, the request's kind and the answer's
// schema. The server registers exactly these (a test compares) and the mini-program calls them
// through them. What only the server and the docs need of a route (the request schema it
// validates, its errors, a summary) is in server-routes.ts: the mini-program's bundle has a
// budget, and request schemas it never parses cost it ~3 KB. Each route is its own constant so
// that a bundler keeps only the routes a client calls.

/** What a route's request carries. */
export type RouteRequest =
  | { readonly kind: 'none' }
  /** A JSON body; `body` is a type only (the schema is in server-routes.ts). */
  | { readonly kind: 'json'; readonly body?: unknown }
  /** `multipart/form-data` with one file in the named field. */
  | { readonly kind: 'file'; readonly field: string; readonly maxBytes: number };

/** What a route answers on success. */
export type RouteResponse =
  | {
      readonly kind: 'json';
      readonly status: 200;
      readonly schema: z.ZodMiniType;
      /** Other statuses answered with the same body (health's 503 says what is down). */
      readonly alsoOn?: readonly number[];
    }
  | { readonly kind: 'empty'; readonly status: 204 }
  /** Raw bytes, e.g. an image. */
  | { readonly kind: 'bytes'; readonly status: 200; readonly mediaType: string };

/** One HTTP route of the API. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** The full path, with `{name}` for a path parameter (OpenAPI's syntax). */
  readonly path: `/api/${string}`;
  /** `'bearer'`: the request needs `Authorization: Bearer <accessToken>`. */
  readonly auth: 'public' | 'bearer';
  readonly request: RouteRequest;
  readonly response: RouteResponse;
}

/** A JSON request whose body has type `Body`. */
type JsonRequest<Body> = { readonly kind: 'json'; readonly body?: Body };

// Literals and casts only, no calls: a bundler drops an unused route constant without needing to
// know that a call is pure. The casts to JsonRequest carry the body type; the lint rule cannot see
// that a type is all they add.
/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion */
const NONE = { kind: 'none' } as const;

export const loginRoute = {
  method: 'POST',
  path: '/api/auth/login',
  auth: 'public',
  request: { kind: 'json' } as JsonRequest<z.input<typeof LoginRequest>>,
  response: { kind: 'json', status: 200, schema: TokenResponse },
} as const satisfies Route;

export const refreshRoute = {
  method: 'POST',
  path: '/api/auth/refresh',
  auth: 'public',
  request: { kind: 'json' } as JsonRequest<z.input<typeof RefreshRequest>>,
  response: { kind: 'json', status: 200, schema: TokenResponse },
} as const satisfies Route;

export const logoutRoute = {
  method: 'POST',
  path: '/api/auth/logout',
  auth: 'bearer',
  request: NONE,
  response: { kind: 'empty', status: 204 },
} as const satisfies Route;

export const phoneRoute = {
  method: 'POST',
  path: '/api/auth/phone',
  auth: 'bearer',
  request: { kind: 'json' } as JsonRequest<z.input<typeof PhoneRequest>>,
  response: { kind: 'json', status: 200, schema: UserResponse },
} as const satisfies Route;

export const userInfoRoute = {
  method: 'POST',
  path: '/api/auth/userinfo',
  auth: 'bearer',
  request: { kind: 'json' } as JsonRequest<z.input<typeof UserInfoRequest>>,
  response: { kind: 'json', status: 200, schema: UserResponse },
} as const satisfies Route;

export const meRoute = {
  method: 'GET',
  path: '/api/me',
  auth: 'bearer',
  request: NONE,
  response: { kind: 'json', status: 200, schema: UserView },
} as const satisfies Route;

export const updateProfileRoute = {
  method: 'PUT',
  path: '/api/me',
  auth: 'bearer',
  request: { kind: 'json' } as JsonRequest<z.input<typeof UpdateProfileRequest>>,
  response: { kind: 'json', status: 200, schema: UserView },
} as const satisfies Route;

export const uploadAvatarRoute = {
  method: 'POST',
  path: '/api/me/avatar',
  auth: 'bearer',
  request: { kind: 'file', field: 'file', maxBytes: 1024 * 1024 },
  response: { kind: 'json', status: 200, schema: AvatarResponse },
} as const satisfies Route;

export const avatarRoute = {
  method: 'GET',
  path: '/api/avatars/{id}',
  auth: 'public',
  request: NONE,
  response: { kind: 'bytes', status: 200, mediaType: 'image/*' },
} as const satisfies Route;

export const healthRoute = {
  method: 'GET',
  path: '/api/health',
  auth: 'public',
  request: NONE,
  response: { kind: 'json', status: 200, schema: HealthResponse, alsoOn: [503] },
} as const satisfies Route;

/* eslint-enable @typescript-eslint/no-unnecessary-type-assertion */

/** Every route of the API, by name. */
export const ROUTES = {
  login: loginRoute,
  refresh: refreshRoute,
  logout: logoutRoute,
  phone: phoneRoute,
  userInfo: userInfoRoute,
  me: meRoute,
  updateProfile: updateProfileRoute,
  uploadAvatar: uploadAvatarRoute,
  avatar: avatarRoute,
  health: healthRoute,
} as const satisfies Record<string, Route>;

/** The name of a route in {@link ROUTES}. */
export type RouteName = keyof typeof ROUTES;

/** The body type a JSON route's successful answer parses to. */
export type RouteReply<R extends Route> = R['response'] extends { kind: 'json'; schema: infer S }
  ? S extends z.ZodMiniType
    ? z.infer<S>
    : never
  : undefined;

/** The body type a JSON route accepts. */
export type RouteBody<R extends Route> = R['request'] extends { kind: 'json'; body?: infer B }
  ? B
  : undefined;

/** A route's path with its `{name}` parameters filled in (each URI-encoded). */
export function pathOf(route: Route, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${route.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
