import { type ClientAction, ERROR_CATALOGUE, type ErrorCode } from '@wxlogin/contracts';
import type { ClientKind } from './platform.js';

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

/** The app runs in a client that must not log in (企业微信, a non-WeChat runtime). */
export class UnsupportedClientError extends Error {
  constructor(readonly client: Exclude<ClientKind, 'wechat'>) {
    super(`login refused in the ${client} client`);
    this.name = 'UnsupportedClientError';
  }
}

/** A call that needs the user's session found none and was not allowed to sign in for it. */
export class SignedOutError extends Error {
  constructor() {
    super('no session');
    this.name = 'SignedOutError';
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
