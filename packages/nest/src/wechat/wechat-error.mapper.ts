import type { ErrorCode } from '@wxlogin/contracts';
import { WX_ERRCODE } from '@wxlogin/wechat-protocol';
import { ApiError } from '../common/api-error';
import { WechatApiError, WechatTransportError } from './wechat.errors';

/** Which call failed: the same errcode means different things for a login and a phone code. */
export type WechatCall = 'code2session' | 'phone' | 'token';

/**
 * errcodes that only a misconfigured server causes (wrong AppID/secret, IP whitelist, frozen
 * secret, missing parameters). They are logged as server errors and answered as a plain 500:
 * the client can do nothing about them and must not learn our configuration.
 */
const CONFIGURATION_ERRCODES: ReadonlySet<number> = new Set([
  WX_ERRCODE.INVALID_GRANT_TYPE,
  WX_ERRCODE.INVALID_APPID,
  WX_ERRCODE.INVALID_APPSECRET,
  WX_ERRCODE.IP_NOT_WHITELISTED,
  WX_ERRCODE.APPSECRET_FROZEN,
  WX_ERRCODE.APPID_MISSING,
  WX_ERRCODE.APPSECRET_MISSING,
  WX_ERRCODE.REQUIRE_POST,
]);

function codeFor(call: WechatCall, errcode: number): ErrorCode | undefined {
  switch (errcode) {
    // Busy, or an access_token rejected again after our own refresh (invalid 40001/40014, expired
    // 42001): the tokens are moving under us (another holder forced a refresh, clocks disagree),
    // which passes; the secret is fine, or the refresh itself would have failed.
    case WX_ERRCODE.SYSTEM_BUSY:
    case WX_ERRCODE.INVALID_CREDENTIAL:
    case WX_ERRCODE.INVALID_ACCESS_TOKEN:
    case WX_ERRCODE.ACCESS_TOKEN_EXPIRED:
      return 'WX_UNAVAILABLE';
    case WX_ERRCODE.INVALID_CODE:
      // code2Session: wrong or expired login code. Phone: wrong or expired phone code.
      return call === 'phone' ? 'WX_PHONE_CODE_INVALID' : 'WX_CODE_INVALID';
    case WX_ERRCODE.CODE_BEEN_USED:
      return call === 'phone' ? 'WX_PHONE_CODE_INVALID' : 'WX_CODE_USED';
    case WX_ERRCODE.CODE_BLOCKED:
      return 'WX_USER_BLOCKED';
    case WX_ERRCODE.DAILY_QUOTA_REACHED:
    case WX_ERRCODE.MINUTE_QUOTA_REACHED:
      return 'WX_RATE_LIMITED';
    default:
      return undefined;
  }
}

/**
 * Turns a failure of a WeChat call into the module's error. Known user-facing errcodes get their
 * contract code; configuration errcodes become INTERNAL_ERROR (logged with the errcode, never
 * echoed); transport failures and unknown errcodes become WX_UNAVAILABLE.
 */
export function wechatFailureToApiError(call: WechatCall, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof WechatApiError) {
    const code = codeFor(call, error.errcode);
    if (code !== undefined) return new ApiError(code, error.message, { cause: error });
    if (CONFIGURATION_ERRCODES.has(error.errcode)) {
      return new ApiError('INTERNAL_ERROR', `WeChat configuration error: ${error.message}`, {
        cause: error,
      });
    }
    return new ApiError('WX_UNAVAILABLE', `unexpected WeChat errcode: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof WechatTransportError) {
    return new ApiError('WX_UNAVAILABLE', error.message, { cause: error });
  }
  return new ApiError('INTERNAL_ERROR', 'unexpected failure calling WeChat', { cause: error });
}
