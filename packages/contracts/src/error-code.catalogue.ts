import * as z from 'zod/mini';

/**
 * Every error code the API can answer with, in the order the README's table lists them.
 * Stable: clients switch on these strings, so a code is never renamed or reused.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_APP',
  'WX_CODE_INVALID',
  'WX_CODE_USED',
  'WX_PHONE_CODE_INVALID',
  'WX_USER_BLOCKED',
  'WX_RATE_LIMITED',
  'WX_UNAVAILABLE',
  'SESSION_KEY_STALE',
  'OPEN_DATA_INVALID',
  'WATERMARK_MISMATCH',
  'SIGNATURE_INVALID',
  'UNAUTHENTICATED',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'RATE_LIMITED',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL_ERROR',
] as const;

/** Schema of one of {@link ERROR_CODES}. */
export const ErrorCode = z.enum(ERROR_CODES);
/** One of {@link ERROR_CODES}. */
export type ErrorCode = z.infer<typeof ErrorCode>;

/** What the client needs to know about an error code. */
export interface ErrorInfo {
  /** HTTP status the API answers with. */
  readonly status: number;
  /**
   * Whether repeating the same request unchanged, after a back-off, may succeed. `false` means
   * the client must change something first (sign in again, get a fresh code, fix the input).
   */
  readonly retryable: boolean;
  /** Short zh-CN message that can be shown to the user as is. */
  readonly message: string;
}

/**
 * Status, retryability and user-facing message of every {@link ErrorCode}. The API builds its
 * error envelopes from it; the mini-program shows `message` when it has nothing better to say.
 * The README's error table is checked against this object by a test.
 */
export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, ErrorInfo>> = {
  VALIDATION_FAILED: { status: 400, retryable: false, message: '请求参数有误' },
  UNKNOWN_APP: { status: 400, retryable: false, message: '未知的小程序' },
  WX_CODE_INVALID: { status: 401, retryable: false, message: '登录凭证无效，请重新登录' },
  WX_CODE_USED: { status: 401, retryable: false, message: '登录凭证已使用，请重新登录' },
  WX_PHONE_CODE_INVALID: { status: 400, retryable: false, message: '手机号授权已失效，请重新授权' },
  WX_USER_BLOCKED: { status: 403, retryable: false, message: '该微信账号暂时无法登录' },
  WX_RATE_LIMITED: { status: 429, retryable: true, message: '操作过于频繁，请稍后再试' },
  WX_UNAVAILABLE: { status: 503, retryable: true, message: '微信服务繁忙，请稍后再试' },
  SESSION_KEY_STALE: { status: 409, retryable: false, message: '登录状态已更新，请重新授权' },
  OPEN_DATA_INVALID: { status: 422, retryable: false, message: '授权数据无效，请重新授权' },
  WATERMARK_MISMATCH: { status: 422, retryable: false, message: '授权数据与小程序不匹配' },
  SIGNATURE_INVALID: { status: 422, retryable: false, message: '数据签名校验失败，请重新授权' },
  UNAUTHENTICATED: { status: 401, retryable: false, message: '请先登录' },
  REFRESH_TOKEN_INVALID: { status: 401, retryable: false, message: '登录已过期，请重新登录' },
  REFRESH_TOKEN_REUSED: { status: 401, retryable: false, message: '登录状态异常，请重新登录' },
  RATE_LIMITED: { status: 429, retryable: true, message: '请求过于频繁，请稍后再试' },
  NOT_FOUND: { status: 404, retryable: false, message: '请求的内容不存在' },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, message: '上传的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, message: '不支持的文件类型' },
  INTERNAL_ERROR: { status: 500, retryable: false, message: '服务暂时出错，请稍后再试' },
};

/**
 * The catalogue entry of `code`: HTTP status, whether the client may retry unchanged, and the
 * zh-CN message to show.
 *
 * @example
 * errorInfo('SESSION_KEY_STALE'); // { status: 409, retryable: false, message: '登录状态已更新，请重新授权' }
 */
export function errorInfo(code: ErrorCode): ErrorInfo {
  return ERROR_CATALOGUE[code];
}
