import type * as z from 'zod/mini';
import { LoginRequest, PhoneRequest, RefreshRequest, UserInfoRequest } from './auth.schema.js';
import type { ErrorCode } from './error-code.catalogue.js';
import { HealthResponse } from './health.schema.js';
import { TokenResponse } from './token.schema.js';
import { AvatarResponse, UpdateProfileRequest, UserResponse, UserView } from './user.schema.js';

// The API's routes, each declared once: the server registers exactly these (a test compares),
// the OpenAPI document is generated from them, and the mini-program calls them through them.
// Each route is its own constant so that a bundler keeps only the routes a client calls.

/** What a route's request carries. */
export type RouteRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly schema: z.ZodMiniType }
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
  readonly summary: string;
  readonly request: RouteRequest;
  readonly response: RouteResponse;
  /**
   * The error codes this route answers besides {@link ERRORS_OF_EVERY_ROUTE}, which any route
   * may answer.
   */
  readonly errors: readonly ErrorCode[];
}

/** Errors any route can answer: bad input, the rate limit, a body too slow to arrive, an outage, a bug. */
export const ERRORS_OF_EVERY_ROUTE = [
  'VALIDATION_FAILED',
  'RATE_LIMITED',
  'REQUEST_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const satisfies readonly ErrorCode[];

const NONE = { kind: 'none' } as const;
const json = <S extends z.ZodMiniType>(schema: S) => ({ kind: 'json', schema }) as const;
const ok = <S extends z.ZodMiniType>(schema: S) => ({ kind: 'json', status: 200, schema }) as const;

/** Errors of every route that decrypts open data with the stored WeChat session key. */
const OPEN_DATA_ERRORS = ['SESSION_KEY_STALE', 'OPEN_DATA_INVALID', 'WATERMARK_MISMATCH'] as const;

export const loginRoute = {
  method: 'POST',
  path: '/api/auth/login',
  auth: 'public',
  summary: 'Log in with a wx.login code (optionally binding a phone number)',
  request: json(LoginRequest),
  response: ok(TokenResponse),
  errors: [
    'UNKNOWN_APP',
    'WX_CODE_INVALID',
    'WX_CODE_USED',
    'WX_PHONE_CODE_INVALID',
    'WX_USER_BLOCKED',
    'WX_RATE_LIMITED',
    'WX_UNAVAILABLE',
    ...OPEN_DATA_ERRORS,
  ],
} as const satisfies Route;

export const refreshRoute = {
  method: 'POST',
  path: '/api/auth/refresh',
  auth: 'public',
  summary: 'Rotate the refresh token (a reused one revokes the session)',
  request: json(RefreshRequest),
  response: ok(TokenResponse),
  errors: ['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED'],
} as const satisfies Route;

export const logoutRoute = {
  method: 'POST',
  path: '/api/auth/logout',
  auth: 'bearer',
  summary: 'Revoke the current session',
  request: NONE,
  response: { kind: 'empty', status: 204 },
  errors: ['UNAUTHENTICATED'],
} as const satisfies Route;

export const phoneRoute = {
  method: 'POST',
  path: '/api/auth/phone',
  auth: 'bearer',
  summary: 'Bind the phone number (phone code, or legacy encryptedData + iv)',
  request: json(PhoneRequest),
  response: ok(UserResponse),
  errors: [
    'UNAUTHENTICATED',
    'WX_PHONE_CODE_INVALID',
    'WX_RATE_LIMITED',
    'WX_UNAVAILABLE',
    ...OPEN_DATA_ERRORS,
  ],
} as const satisfies Route;

export const userInfoRoute = {
  method: 'POST',
  path: '/api/auth/userinfo',
  auth: 'bearer',
  summary:
    'Apply legacy getUserInfo data (signature checked, data decrypted); WeChat’s anonymous ' +
    'placeholders (nickname 微信用户, the grey avatar) are never stored',
  request: json(UserInfoRequest),
  response: ok(UserResponse),
  errors: ['UNAUTHENTICATED', ...OPEN_DATA_ERRORS, 'SIGNATURE_INVALID'],
} as const satisfies Route;

export const meRoute = {
  method: 'GET',
  path: '/api/me',
  auth: 'bearer',
  summary: 'The signed-in user',
  request: NONE,
  response: ok(UserView),
  errors: ['UNAUTHENTICATED'],
} as const satisfies Route;

export const updateProfileRoute = {
  method: 'PUT',
  path: '/api/me',
  auth: 'bearer',
  summary: 'Change nickname and/or avatar URL (https, or an avatar uploaded here)',
  request: json(UpdateProfileRequest),
  response: ok(UserView),
  errors: ['UNAUTHENTICATED'],
} as const satisfies Route;

export const uploadAvatarRoute = {
  method: 'POST',
  path: '/api/me/avatar',
  auth: 'bearer',
  summary: 'Upload an avatar (PNG/JPEG/WebP/GIF, at most 1 MB)',
  request: { kind: 'file', field: 'file', maxBytes: 1024 * 1024 },
  response: ok(AvatarResponse),
  errors: ['UNAUTHENTICATED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
} as const satisfies Route;

export const avatarRoute = {
  method: 'GET',
  path: '/api/avatars/{id}',
  auth: 'public',
  summary: 'An uploaded avatar (public, immutable)',
  request: NONE,
  response: { kind: 'bytes', status: 200, mediaType: 'image/*' },
  errors: ['NOT_FOUND'],
} as const satisfies Route;

export const healthRoute = {
  method: 'GET',
  path: '/api/health',
  auth: 'public',
  summary: 'Liveness and database reachability',
  request: NONE,
  response: { ...ok(HealthResponse), alsoOn: [503] },
  errors: [],
} as const satisfies Route;

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
export type RouteBody<R extends Route> = R['request'] extends { kind: 'json'; schema: infer S }
  ? S extends z.ZodMiniType
    ? z.input<S>
    : never
  : undefined;

/** A route's path with its `{name}` parameters filled in (each URI-encoded). */
export function pathOf(route: Route, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${route.path}: missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
