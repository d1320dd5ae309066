/**
 * wxlogin's HTTP contract, shared by the API and the mini-program: zod/mini schemas of every
 * request and response body, their inferred types (same names), and the error-code catalogue.
 *
 * zod's global configuration is left alone on purpose. The mini-program's runtime forbids
 * `new Function`; zod probes for it inside try/catch and falls back to its interpreter, and the
 * mini-program's entry may still call `z.config({ jitless: true })` to skip the probe. Doing it
 * here would be a hidden side effect of an import (this package is `sideEffects: false`, so a
 * bundler may not even run it) and would slow object parsing in the API, which shares the zod
 * instance and can use the compiled fast path.
 *
 * @packageDocumentation
 */
export {
  LoginRequest,
  PhoneProof,
  PhoneRequest,
  RefreshRequest,
  TokenResponse,
  UserInfoRequest,
} from './auth.schema.js';
export {
  ERROR_CATALOGUE,
  ERROR_CODES,
  ErrorCode,
  errorInfo,
  type ErrorInfo,
} from './error-code.catalogue.js';
export { ErrorEnvelope, isErrorEnvelope } from './error-envelope.schema.js';
export { HealthResponse } from './health.schema.js';
export { AvatarResponse, UpdateProfileRequest, UserResponse, UserView } from './user.schema.js';
