import { ERROR_CATALOGUE } from '@wxlogin/contracts';
import {
  ApiError,
  clientActionOf,
  NetworkError,
  SignedOutError,
  UnexpectedResponseError,
  UnsupportedClientError,
} from './errors.js';

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
