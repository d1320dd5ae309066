import * as z from 'zod/mini';

/**
 * What a client does about an error, so that clients act on the catalogue instead of on code
 * names. A closed set: a client switches on it exhaustively.
 *
 * - `'show-message'`: nothing the client could change on its own would make the request
 *   succeed (a bug on either side, a configuration mistake, a user WeChat refuses, a file too
 *   large). Show `message`, which tells the user what they can do, if anything.
 * - `'retry-later'`: a temporary limit or outage. Show `message`; the same request may be sent
 *   again after a back-off (a login with a fresh `wx.login` code, as every login). The only
 *   action with `retryable: true`.
 * - `'renew-session'`: the access token is missing, expired or revoked. Exchange the refresh
 *   token (`POST /api/auth/refresh`) and repeat the request once; log in again when there is no
 *   refresh token or it is refused.
 * - `'login-again'`: the login code or the whole session is no good. Drop the stored tokens, get
 *   a new `wx.login` code and log in again (silently: no prompt needed).
 * - `'login-again-then-retap'`: the server's copy of the WeChat login key is older than the
 *   encrypted data sent. Log in again silently, which gives the server the current key, then
 *   ask the user to tap the authorization button once more: the data of the earlier tap was
 *   made for the key the server lacks and is not worth resending.
 * - `'retap'`: the authorization data itself (phone code, encrypted data, signed `rawData`) is
 *   no good, while the server's login key is current. Logging in again would not help; ask the
 *   user to tap the authorization button again, whose new data will do. `message` says so.
 */
export type ClientAction =
  | 'show-message'
  | 'retry-later'
  | 'renew-session'
  | 'login-again'
  | 'login-again-then-retap'
  | 'retap';

/** What the client needs to know about an error code. */
export interface ErrorInfo {
  /** HTTP status the API answers with. */
  readonly status: number;
  /**
   * Whether repeating the same request unchanged, after a back-off, may succeed: `true` exactly
   * when {@link ErrorInfo.clientAction} is `'retry-later'`. `false` means the client must change
   * something first (renew the session, log in again, get new authorization data, fix the input)
   * or give up.
   */
  readonly retryable: boolean;
  /** What the client should do about the error; see {@link ClientAction}. */
  readonly clientAction: ClientAction;
  /** Short zh-CN message that can be shown to the user as is. */
  readonly message: string;
}

// The catalogue comes first and the codes are its keys: each code is written once (the
// mini-program's bundle carried the list twice).
const CATALOGUE = {
  VALIDATION_FAILED: {
    status: 400,
    retryable: false,
    clientAction: 'show-message',
    message: '请求参数有误',
  },
  UNKNOWN_APP: {
    status: 400,
    retryable: false,
    clientAction: 'show-message',
    message: '未知的小程序',
  },
  WX_CODE_INVALID: {
    status: 401,
    retryable: false,
    clientAction: 'login-again',
    message: '登录凭证无效，请重新登录',
  },
  WX_CODE_USED: {
    status: 401,
    retryable: false,
    clientAction: 'login-again',
    message: '登录凭证已使用，请重新登录',
  },
  WX_PHONE_CODE_INVALID: {
    status: 400,
    retryable: false,
    clientAction: 'retap',
    message: '手机号授权已失效，请重新授权',
  },
  WX_USER_BLOCKED: {
    status: 403,
    retryable: false,
    clientAction: 'show-message',
    message: '该微信账号暂时无法登录',
  },
  WX_RATE_LIMITED: {
    status: 429,
    retryable: true,
    clientAction: 'retry-later',
    message: '操作过于频繁，请稍后再试',
  },
  WX_UNAVAILABLE: {
    status: 503,
    retryable: true,
    clientAction: 'retry-later',
    message: '微信服务繁忙，请稍后再试',
  },
  SESSION_KEY_STALE: {
    status: 409,
    retryable: false,
    clientAction: 'login-again-then-retap',
    message: '登录状态已更新，请重新授权',
  },
  OPEN_DATA_INVALID: {
    status: 422,
    retryable: false,
    clientAction: 'retap',
    message: '授权数据无效，请重新授权',
  },
  WATERMARK_MISMATCH: {
    status: 422,
    retryable: false,
    clientAction: 'show-message',
    message: '授权数据与小程序不匹配',
  },
  SIGNATURE_INVALID: {
    status: 422,
    retryable: false,
    clientAction: 'retap',
    message: '数据签名校验失败，请重新授权',
  },
  UNAUTHENTICATED: {
    status: 401,
    retryable: false,
    clientAction: 'renew-session',
    message: '请先登录',
  },
  REFRESH_TOKEN_INVALID: {
    status: 401,
    retryable: false,
    clientAction: 'login-again',
    message: '登录已过期，请重新登录',
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    retryable: false,
    clientAction: 'login-again',
    message: '登录状态异常，请重新登录',
  },
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    clientAction: 'retry-later',
    message: '请求过于频繁，请稍后再试',
  },
  NOT_FOUND: {
    status: 404,
    retryable: false,
    clientAction: 'show-message',
    message: '请求的内容不存在',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    clientAction: 'show-message',
    message: '上传的内容过大',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    retryable: false,
    clientAction: 'show-message',
    message: '不支持的文件类型',
  },
  REQUEST_TIMEOUT: {
    status: 408,
    retryable: true,
    clientAction: 'retry-later',
    message: '请求超时，请重试',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    clientAction: 'retry-later',
    message: '服务暂时不可用，请稍后再试',
  },
  INTERNAL_ERROR: {
    status: 500,
    retryable: false,
    clientAction: 'show-message',
    message: '服务暂时出错，请稍后再试',
  },
} satisfies Record<string, ErrorInfo>;

/**
 * Every error code the API can answer with, in the order the README's table lists them.
 * Stable: clients switch on these strings, so a code is never renamed or reused.
 */
export const ERROR_CODES = Object.keys(CATALOGUE) as readonly (keyof typeof CATALOGUE)[];

/** Schema of one of {@link ERROR_CODES}. */
export const ErrorCode = z.enum(ERROR_CODES);
/** One of {@link ERROR_CODES}. */
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * Status, retryability, client action and user-facing message of every {@link ErrorCode}. The
 * API builds its error envelopes from it; the mini-program decides what to do from
 * `clientAction` and shows `message` when it has nothing better to say. The README's error table
 * is checked against this object by a test.
 */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorInfo>> = CATALOGUE;

/**
 * The catalogue entry of `code`: HTTP status, whether the client may retry unchanged, what the
 * client should do, and the zh-CN message to show.
 *
 * @example
 * errorInfo('SESSION_KEY_STALE').clientAction; // 'login-again-then-retap'
 */
export function errorInfo(code: ErrorCode): ErrorInfo {
  return ERROR_CATALOGUE[code];
}
