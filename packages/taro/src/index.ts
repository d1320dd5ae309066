/**
 * wxlogin's client kit for Taro 4 + React: the login flow, independent of the runtime it runs in
 * (`createWxLogin`), and the React provider and hooks pages use. The runtimes' adapters are
 * imported on their own: `@wxlogin/taro/taro` (WeChat through Taro), `@wxlogin/taro/simulator`
 * and `@wxlogin/taro/h5-simulator` (WeChat played by wxlogin's simulator, for tests and the
 * browser preview), so a mini-program bundle never carries the simulator.
 *
 * @packageDocumentation
 */
export { createWxLogin, type WxLogin, type WxLoginOptions } from './wxlogin.js';
export {
  type AuthPlatform,
  type ClientKind,
  type FileUploadRequest,
  type HttpRequest,
  type HttpResponse,
  type PhoneEventDetail,
  WECHAT_REQUEST_METHODS,
} from './platform.js';
export {
  ApiError,
  clientActionOf,
  NetworkError,
  SignedOutError,
  UnexpectedResponseError,
  UnsupportedClientError,
} from './errors.js';
export {
  NO_ANSWER_MESSAGE,
  signInFailureOf,
  type SignInFailure,
  userMessageOf,
} from './messages.js';
export { createMemoryStorage, type KeyValueStorage } from './session/key-value-storage.js';
export { SESSION_STORAGE_KEY, StoredSession, type SessionView } from './session/session.store.js';
export { DEFAULT_LOGIN_RETRY, type LoginRetryPolicy } from './login/login-retry.js';
export {
  INITIAL_LOGIN_PHASE,
  type LoginPhase,
  type LoginPhaseEvent,
  nextLoginPhase,
} from './login/login-phase.js';
export type { PhoneEvent } from './phone/phone-event.js';
export type { PhoneLogin, PhoneLoginOutcome } from './phone/phone-login.js';
export {
  developerProblemOf,
  phoneLoginMessage,
  RETAP_MESSAGE,
} from './phone/phone-login.messages.js';
export type { Profile } from './profile/profile.js';
export { useAuthUser } from './react/use-auth-user.js';
export { type LoginPage, useLogin, type UseLoginOptions } from './react/use-login.js';
export { useWxLogin, WxLoginProvider } from './react/wxlogin-context.js';
