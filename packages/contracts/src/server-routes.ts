import type * as z from 'zod/mini';
import { LoginRequest, PhoneRequest, RefreshRequest, UserInfoRequest } from './auth.schema.js';
import type { ErrorCode } from './error-code.catalogue.js';
import { ROUTES, type Route, type RouteBody, type RouteName } from './routes.js';
import { UpdateProfileRequest } from './user.schema.js';

// The rest of each route of routes.ts, for the server and the OpenAPI document: the schema its
// JSON body is validated with, the errors it may answer and a summary. Kept out of the route
// constants the mini-program imports (see routes.ts); the types below tie each entry to its route.

/** Errors any route can answer: bad input, the rate limit, a body too slow to arrive, an outage, a bug. */
export const ERRORS_OF_EVERY_ROUTE = [
  'VALIDATION_FAILED',
  'RATE_LIMITED',
  'REQUEST_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const satisfies readonly ErrorCode[];

/** What the server and the docs need of a route besides what routes.ts says. */
export interface RouteDetails {
  /** The schema a JSON body is validated with; `undefined` for routes without a JSON body. */
  readonly body: z.ZodMiniType | undefined;
  /** Error codes this route answers besides {@link ERRORS_OF_EVERY_ROUTE}. */
  readonly errors: readonly ErrorCode[];
  readonly summary: string;
}

/** A route with its {@link RouteDetails}. */
export type ServerRoute<R extends Route = Route> = R & RouteDetails;

/**
 * `details` for `route`; the body schema must accept exactly what the route's body type says
 * (checked both ways at compile time).
 */
function serverRoute<R extends Route, S extends z.ZodMiniType | undefined>(
  route: R,
  details: {
    body: S &
      (R['request'] extends { kind: 'json' }
        ? [z.input<NonNullable<S>>] extends [RouteBody<R>]
          ? [RouteBody<R>] extends [z.input<NonNullable<S>>]
            ? unknown
            : never
          : never
        : undefined);
    errors: readonly ErrorCode[];
    summary: string;
  },
): R & RouteDetails & { readonly body: S } {
  return { ...route, ...details };
}

/** Errors of every route that decrypts open data with the stored WeChat session key. */
const OPEN_DATA_ERRORS = ['SESSION_KEY_STALE', 'OPEN_DATA_INVALID', 'WATERMARK_MISMATCH'] as const;

/** Every route of {@link ROUTES} with its body schema, errors and summary, by the same names. */
export const SERVER_ROUTES = {
  login: serverRoute(ROUTES.login, {
    body: LoginRequest,
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
    summary: 'Log in with a wx.login code (optionally binding a phone number)',
  }),
  refresh: serverRoute(ROUTES.refresh, {
    body: RefreshRequest,
    errors: ['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED'],
    summary: 'Rotate the refresh token (a reused one revokes the session)',
  }),
  logout: serverRoute(ROUTES.logout, {
    body: undefined,
    errors: ['UNAUTHENTICATED'],
    summary: 'Revoke the current session',
  }),
  phone: serverRoute(ROUTES.phone, {
    body: PhoneRequest,
    errors: [
      'UNAUTHENTICATED',
      'WX_PHONE_CODE_INVALID',
      'WX_RATE_LIMITED',
      'WX_UNAVAILABLE',
      ...OPEN_DATA_ERRORS,
    ],
    summary: 'Bind the phone number (phone code, or legacy encryptedData + iv)',
  }),
  userInfo: serverRoute(ROUTES.userInfo, {
    body: UserInfoRequest,
    errors: ['UNAUTHENTICATED', ...OPEN_DATA_ERRORS, 'SIGNATURE_INVALID'],
    summary:
      'Apply legacy getUserInfo data (signature checked, data decrypted); WeChat’s anonymous ' +
      'placeholders (nickname 微信用户, the grey avatar) are never stored',
  }),
  me: serverRoute(ROUTES.me, {
    body: undefined,
    errors: ['UNAUTHENTICATED'],
    summary: 'The signed-in user',
  }),
  updateProfile: serverRoute(ROUTES.updateProfile, {
    body: UpdateProfileRequest,
    errors: ['UNAUTHENTICATED'],
    summary: 'Change nickname and/or avatar URL (https, or an avatar uploaded here)',
  }),
  uploadAvatar: serverRoute(ROUTES.uploadAvatar, {
    body: undefined,
    errors: ['UNAUTHENTICATED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
    summary: 'Upload an avatar (PNG/JPEG/WebP/GIF, at most 1 MB)',
  }),
  avatar: serverRoute(ROUTES.avatar, {
    body: undefined,
    errors: ['NOT_FOUND'],
    summary: 'An uploaded avatar (public, immutable)',
  }),
  health: serverRoute(ROUTES.health, {
    body: undefined,
    errors: [],
    summary: 'Liveness and database reachability',
  }),
} as const satisfies { readonly [K in RouteName]: ServerRoute<(typeof ROUTES)[K]> };
