import { WX_ERRCODE } from '@wxlogin/wechat-protocol';

/** WeChat answered, with an `errcode` other than 0 (often inside an HTTP 200). */
export class WechatApiError extends Error {
  constructor(
    readonly endpoint: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${endpoint} answered errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/**
 * WeChat could not be reached or answered something that is not its documented JSON (timeout,
 * connection error, HTTP error status, unexpected body). Whether it acted on the request is
 * unknown.
 */
export class WechatTransportError extends Error {
  constructor(
    readonly endpoint: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${endpoint}: ${reason}`, options);
    this.name = 'WechatTransportError';
  }
}

/** errcodes that mean the access_token used is no longer valid: refresh once and retry. */
export const ACCESS_TOKEN_ERRCODES: ReadonlySet<number> = new Set([
  WX_ERRCODE.INVALID_CREDENTIAL,
  WX_ERRCODE.INVALID_ACCESS_TOKEN,
  WX_ERRCODE.ACCESS_TOKEN_EXPIRED,
]);
