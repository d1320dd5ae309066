import { Injectable } from '@nestjs/common';
import {
  GRANT_TYPE,
  SIG_METHOD_HMAC_SHA256,
  WECHAT_ENDPOINTS,
  WX_ERRCODE,
} from '@wxlogin/wechat-protocol';
import { signWithSessionKey } from '@wxlogin/wxcrypto';
import * as z from 'zod';
import type { WxApp } from '../options/wxlogin-options';
import { type WxLoginLogger, InjectLogger } from '../common/logger';
import { WechatAccessTokenProvider } from './wechat-access-token.provider';
import { withBusyRetry } from './busy-retry';
import { wechatFailureToApiError } from './wechat-error.mapper';
import { parseCode2SessionReply } from './code2session-reply.parser';
import { WechatHttpClient, zodReplyParser } from './wechat-http.client';
import { ACCESS_TOKEN_ERRCODES, WechatApiError } from './wechat.errors';
import type { WechatSession } from './wechat-session';

/** WeChat's verdict on a stored session_key: `unknown` when it could not be asked. */
export type SessionKeyStatus = 'valid' | 'invalid' | 'unknown';

const parseCheckSessionReply = zodReplyParser(z.object({ errcode: z.literal(0).optional() }));

/**
 * The adapter for WeChat's servers. Returns neutral values and knows nothing about users or
 * sessions; failures leave as ApiError with the contract's codes (see wechat-error.mapper.ts).
 */
@Injectable()
export class WechatService {
  private readonly code2SessionAppQueries = new WeakMap<WxApp, string>();

  constructor(
    private readonly http: WechatHttpClient,
    private readonly wechatAccessTokens: WechatAccessTokenProvider,
    @InjectLogger() private readonly logger: WxLoginLogger,
  ) {}

  /**
   * auth.code2Session. Never needs an access_token (docs/wechat-protocol.md#code2session). Repeated
   * only on -1; a timeout is WX_UNAVAILABLE and the client must fetch a new code.
   */
  async code2Session(app: WxApp, code: string): Promise<WechatSession> {
    try {
      return await withBusyRetry(() =>
        this.http.request({
          path: WECHAT_ENDPOINTS.code2Session.path,
          query: this.code2SessionQuery(app, code),
          success: parseCode2SessionReply,
        }),
      );
    } catch (error) {
      throw wechatFailureToApiError('code2session', error);
    }
  }

  /** jscode2session's query; the app's part is encoded once per app (login hot path). */
  private code2SessionQuery(app: WxApp, code: string): string {
    let appPart = this.code2SessionAppQueries.get(app);
    if (appPart === undefined) {
      appPart = new URLSearchParams({
        appid: app.appId,
        secret: app.secret,
        grant_type: GRANT_TYPE.authorizationCode,
      }).toString();
      this.code2SessionAppQueries.set(app, appPart);
    }
    return `${appPart}&js_code=${encodeURIComponent(code)}`;
  }

  /**
   * auth.checkSessionKey: is `sessionKey` still the user's current key? The signature is
   * HMAC-SHA256 of the empty string keyed by the key's base64 text
   * (docs/wechat-protocol.md#check-session-key).
   */
  async checkSessionKey(app: WxApp, openid: string, sessionKey: string): Promise<SessionKeyStatus> {
    try {
      await this.callWithAccessToken(app, (accessToken) =>
        this.http.request({
          path: WECHAT_ENDPOINTS.checkSessionKey.path,
          query: {
            access_token: accessToken,
            openid,
            signature: signWithSessionKey(sessionKey, ''),
            sig_method: SIG_METHOD_HMAC_SHA256,
          },
          success: parseCheckSessionReply,
        }),
      );
      return 'valid';
    } catch (error) {
      if (error instanceof WechatApiError && error.errcode === WX_ERRCODE.INVALID_SIGNATURE) {
        return 'invalid';
      }
      this.logger.warn({ err: error, appId: app.appId }, 'wxa/checksession failed');
      return 'unknown';
    }
  }

  /**
   * Runs a call that needs WeChat's access_token, with busy retries. When WeChat says the token is
   * invalid or expired (40001/40014/42001), the token is expired in the shared cache (only if still
   * current), a different one is obtained and the call is made once more; a second rejection is a
   * retryable WX_UNAVAILABLE (wechat-error.mapper.ts).
   */
  async callWithAccessToken<T>(app: WxApp, call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.wechatAccessTokens.get(app);
    try {
      return await withBusyRetry(() => call(token));
    } catch (error) {
      if (!(error instanceof WechatApiError) || !ACCESS_TOKEN_ERRCODES.has(error.errcode))
        throw error;
      this.logger.warn(
        { appId: app.appId, errcode: error.errcode },
        'access_token rejected; refreshing once',
      );
      const fresh = await this.wechatAccessTokens.replaceRejected(app, token);
      return withBusyRetry(() => call(fresh));
    }
  }
}
