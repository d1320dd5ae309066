/**
 * wxlogin's HTTP contract, shared by the API and the mini-program: zod/mini schemas of every
 * request and response body, their inferred types (same names), and the error-code catalogue.
 *
 * zod's global configuration is left alone on purpose. WeChat's mini-program runtime forbids
 * `new Function`; zod probes for it inside try/catch and falls back to its interpreter, but that
 * probe has not been tried on a device, so the mini-program's entry should call
 * `z.config({ jitless: true })` itself. Doing it here would be a hidden side effect of an import
 * (this package is `sideEffects: false`, so a bundler may drop it) and would change zod for the
 * whole API process, which shares the zod instance and benefits from the compiled fast path.
 *
 * @packageDocumentation
 */
export {
  LoginRequest,
  PhoneProof,
  PhoneRequest,
  RefreshRequest,
  UserInfoRequest,
} from './auth.schema.js';
export { TokenResponse } from './token.schema.js';
export {
  ERROR_CATALOGUE,
  ERROR_CODES,
  ErrorCode,
  errorInfo,
  type ClientAction,
  type ErrorInfo,
} from './error-code.catalogue.js';
export { ErrorEnvelope, isErrorEnvelope } from './error-envelope.schema.js';
export { HealthResponse } from './health.schema.js';
export { AvatarResponse, UpdateProfileRequest, UserResponse, UserView } from './user.schema.js';
export {
  ERRORS_OF_EVERY_ROUTE,
  ROUTES,
  avatarRoute,
  healthRoute,
  loginRoute,
  logoutRoute,
  meRoute,
  pathOf,
  phoneRoute,
  refreshRoute,
  updateProfileRoute,
  uploadAvatarRoute,
  userInfoRoute,
  type Route,
  type RouteBody,
  type RouteName,
  type RouteReply,
  type RouteRequest,
  type RouteResponse,
} from './routes.js';
