import { type ClientAction, ERROR_CATALOGUE, type ErrorCode } from '@wxlogin/contracts';
import type { ClientKind } from './auth.platform';

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

/**
 * What the contracts' catalogue tells a client to do about `error` (renew the session, log in
 * again, ask for a new tap, retry later, or just show the message); `undefined` when `error` is
 * not an answer of the API. The flow decides on this, not on code names.
 */
export function clientActionOf(error: unknown): ClientAction | undefined {
  return error instanceof ApiError ? ERROR_CATALOGUE[error.code].clientAction : undefined;
}

/** The app runs in a client that must not log in (企业微信, a non-WeChat runtime). */
export class UnsupportedClientError extends Error {
  constructor(readonly client: Exclude<ClientKind, 'wechat'>) {
    super(`login refused in the ${client} client`);
    this.name = 'UnsupportedClientError';
  }
}

/** A short zh-CN sentence for a toast, whatever `error` is. */
export function userMessageOf(error: unknown): string {
  if (error instanceof ApiError) return ERROR_CATALOGUE[error.code].message;
  if (error instanceof UnsupportedClientError) {
    return error.client === 'wxwork'
      ? '企业微信中暂不支持登录，请在微信中打开本小程序'
      : '请在微信中打开本小程序';
  }
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

/** Shown when the silent login got no answer at all (or one that breaks the contract). */
export const NO_ANSWER_MESSAGE = '暂时无法连接服务器，点此重试';

/** What the launch page shows when the silent login failed. */
export interface SignInFailure {
  message: string;
  /** Whether an answer came: then `message` is the API's own (or the client's refusal). */
  answered: boolean;
  canRetry: boolean;
}

/**
 * Only a missing answer reads "cannot reach the server"; an answer of the API shows its
 * catalogue message, with a retry unless the catalogue says `show-message` (a blocked account,
 * say: retrying changes nothing). `retry-later` (rate limit, WeChat busy) keeps the retry: its
 * message already asks to wait.
 */
export function signInFailureOf(error: unknown): SignInFailure {
  if (error instanceof NetworkError || error instanceof UnexpectedResponseError) {
    return { message: NO_ANSWER_MESSAGE, answered: false, canRetry: true };
  }
  const refusedForGood =
    error instanceof UnsupportedClientError || clientActionOf(error) === 'show-message';
  return { message: userMessageOf(error), answered: true, canRetry: !refusedForGood };
}
