import {
  GRANT_TYPE,
  SIG_METHOD_HMAC_SHA256,
  WECHAT_ENDPOINTS,
  WX_ERRCODE,
  type AccessTokenQuery,
  type AccessTokenReply,
  type CheckSessionKeyReply,
  type Code2SessionQuery,
  type Code2SessionReply,
  type PhoneNumberReply,
  type ResetUserSessionKeyReply,
  type SessionKeySignatureQuery,
  type WechatErrorReply,
} from '@wxlogin/wechat-protocol';
import { signWithSessionKey } from '@wxlogin/wxcrypto';
import type { SimAppConfig } from './sim-config';
import type { SimState, SimUser } from './sim-state';
import { wxError } from './wechat-error-reply';

/**
 * Parameters as they arrive: any may be absent, and absent and empty are the same to WeChat.
 * The names are WeChat's (`@wxlogin/wechat-protocol`).
 */
export type Received<T> = { [K in keyof T]?: string | undefined };

/**
 * WeChat's login servers: the six endpoints with WeChat's parameters, answers and errcodes. Every
 * call is counted under its path, then may be answered -1 by the busy fault before anything else
 * happens (a busy answer consumes nothing, so the same code can be retried).
 */
export class WeChatServer {
  constructor(private readonly state: SimState) {}

  /**
   * auth.code2Session. Errcodes, in the order they are checked: -1 busy; 41002/41004 appid/secret
   * missing; 40002 grant_type not authorization_code; 41008 js_code missing; 40013 unknown appid;
   * 40029 when the secret belongs to another app (an appid/secret pair that does not match, e.g. a
   * test-account appid with a real secret), 40125 for any other wrong secret; 40029 unknown,
   * expired (5 min) or other-app code; 40163 code already used; 40226 blocked user; 45011 quota.
   * Only a success consumes the code.
   */
  code2Session(query: Received<Code2SessionQuery>): Code2SessionReply | WechatErrorReply {
    const { state } = this;
    state.count(WECHAT_ENDPOINTS.code2Session.path);
    if (state.faults.drawBusy()) return wxError(WX_ERRCODE.SYSTEM_BUSY);
    if (!query.appid) return wxError(WX_ERRCODE.APPID_MISSING);
    if (!query.secret) return wxError(WX_ERRCODE.APPSECRET_MISSING);
    if (query.grant_type !== GRANT_TYPE.authorizationCode)
      return wxError(WX_ERRCODE.INVALID_GRANT_TYPE);
    if (!query.js_code) return wxError(WX_ERRCODE.CODE_MISSING);
    const app = state.apps.get(query.appid);
    if (app === undefined) return wxError(WX_ERRCODE.INVALID_APPID);
    if (query.secret !== app.secret) {
      return wxError(
        this.isSecretOfAnotherApp(query.secret)
          ? WX_ERRCODE.INVALID_CODE
          : WX_ERRCODE.INVALID_APPSECRET,
      );
    }

    const now = state.clock.now();
    const entry = state.loginCodes.find(query.js_code, now);
    if (entry === undefined || entry.payload.appId !== app.appId) {
      return wxError(WX_ERRCODE.INVALID_CODE);
    }
    if (entry.used) return wxError(WX_ERRCODE.CODE_BEEN_USED);
    const user = entry.payload;
    if (state.faults.isBlocked(user.appId, user.userId)) return wxError(WX_ERRCODE.CODE_BLOCKED);
    if (state.faults.isRateLimited(user.appId, user.userId) || !state.takeMinuteQuota(user)) {
      return wxError(WX_ERRCODE.MINUTE_QUOTA_REACHED);
    }

    entry.used = true;
    // The key is the user's current one: a later wx.login may already have replaced the key this
    // code's login minted ("one valid session_key per user").
    const reply: Code2SessionReply = {
      session_key: state.currentSessionKey(user),
      openid: user.openid,
    };
    if (user.unionid !== undefined) reply.unionid = user.unionid;
    return reply;
  }

  /**
   * auth.getAccessToken: every call mints a new token and invalidates the app's previous one.
   * Errcodes: -1; 40002 grant_type not client_credential; 41002/41004; 40013; 40125.
   */
  getAccessToken(query: Received<AccessTokenQuery>): AccessTokenReply | WechatErrorReply {
    const { state } = this;
    state.count(WECHAT_ENDPOINTS.getAccessToken.path);
    if (state.faults.drawBusy()) return wxError(WX_ERRCODE.SYSTEM_BUSY);
    const app = this.authenticateApp(query);
    if (!('appId' in app)) return app;
    return state.tokens.mintPlain(app.appId, state.clock.now());
  }

  /**
   * auth.getStableAccessToken, body `{ grant_type, appid, secret, force_refresh? }`. Normal mode
   * returns the same token while valid (renewed in its last 5 minutes, old one still valid);
   * force_refresh invalidates earlier stable tokens at once, 20 times a day at most (then 45009),
   * and a force within 30 s of the last one does not refresh. Errcodes: -1; 47001 body not a JSON
   * object; 40002; 41002/41004; 40013; 40125; 45009.
   */
  getStableAccessToken(body: unknown): AccessTokenReply | WechatErrorReply {
    const { state } = this;
    state.count(WECHAT_ENDPOINTS.getStableAccessToken.path);
    if (state.faults.drawBusy()) return wxError(WX_ERRCODE.SYSTEM_BUSY);
    if (!isJsonObject(body)) return wxError(WX_ERRCODE.DATA_FORMAT_ERROR);
    const app = this.authenticateApp({
      grant_type: stringField(body, 'grant_type'),
      appid: stringField(body, 'appid'),
      secret: stringField(body, 'secret'),
    });
    if (!('appId' in app)) return app;
    const force = body['force_refresh'] === true || body['force_refresh'] === 'true';
    const grant = state.tokens.stableToken(app.appId, state.clock.now(), force);
    return typeof grant === 'number' ? wxError(grant) : grant;
  }

  /**
   * phonenumber.getPhoneNumber, body `{ code, openid? }`. Errcodes: -1; 41001 no access_token;
   * 40001 unknown or invalidated token; 42001 expired token; 47001 body not a JSON object; 41008
   * no code; 40029 unknown, expired (5 min), used or not-this-openid phone code; 40013 code issued
   * to another app than the token's; 45011 rate-limited user.
   */
  getUserPhoneNumber(
    accessToken: string | undefined,
    body: unknown,
  ): PhoneNumberReply | WechatErrorReply {
    const { state } = this;
    state.count(WECHAT_ENDPOINTS.getPhoneNumber.path);
    if (state.faults.drawBusy()) return wxError(WX_ERRCODE.SYSTEM_BUSY);
    const tokenAppId = this.authenticateToken(accessToken);
    if (typeof tokenAppId !== 'string') return tokenAppId;
    if (!isJsonObject(body)) return wxError(WX_ERRCODE.DATA_FORMAT_ERROR);
    const code = stringField(body, 'code');
    if (!code) return wxError(WX_ERRCODE.CODE_MISSING);
    const entry = state.phoneCodes.find(code, state.clock.now());
    if (entry === undefined || entry.used) return wxError(WX_ERRCODE.INVALID_CODE);
    const grant = entry.payload;
    if (grant.user.appId !== tokenAppId) return wxError(WX_ERRCODE.INVALID_APPID);
    const openid = body['openid'];
    if (openid !== undefined && openid !== grant.user.openid) {
      return wxError(WX_ERRCODE.INVALID_CODE);
    }
    if (state.faults.isRateLimited(grant.user.appId, grant.user.userId)) {
      return wxError(WX_ERRCODE.MINUTE_QUOTA_REACHED);
    }
    entry.used = true;
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: grant.phoneNumber,
        purePhoneNumber: grant.purePhoneNumber,
        countryCode: grant.countryCode,
        watermark: { timestamp: grant.timestamp, appid: grant.user.appId },
      },
    };
  }

  /**
   * auth.checkSessionKey: is `signature` = HMAC-SHA256('', key = session_key text) made with the
   * user's current, unexpired key? Errcodes: -1; 41001; 40001; 42001; 87008 sig_method not
   * hmac_sha256; 40003 openid unknown in the token's app; 87009 signature not from the current key.
   */
  checkSessionKey(
    query: Received<SessionKeySignatureQuery>,
  ): CheckSessionKeyReply | WechatErrorReply {
    const { state } = this;
    state.count(WECHAT_ENDPOINTS.checkSessionKey.path);
    if (state.faults.drawBusy()) return wxError(WX_ERRCODE.SYSTEM_BUSY);
    const user = this.authenticateSessionKey(query);
    if (!('openid' in user)) return user;
    return { errcode: 0, errmsg: 'ok' };
  }

  /**
   * auth.ResetUserSessionKey: same checks as checkSessionKey (the signature proves the caller holds
   * the current key), then 45011 for a rate-limited user; answers a new key that replaces the old
   * one at once and inherits its expiry.
   */
  resetUserSessionKey(
    query: Received<SessionKeySignatureQuery>,
  ): ResetUserSessionKeyReply | WechatErrorReply {
    const { state } = this;
    state.count(WECHAT_ENDPOINTS.resetUserSessionKey.path);
    if (state.faults.drawBusy()) return wxError(WX_ERRCODE.SYSTEM_BUSY);
    const user = this.authenticateSessionKey(query);
    if (!('openid' in user)) return user;
    if (state.faults.isRateLimited(user.appId, user.userId)) {
      return wxError(WX_ERRCODE.MINUTE_QUOTA_REACHED);
    }
    return {
      errcode: 0,
      errmsg: 'ok',
      openid: user.openid,
      session_key: state.replaceSessionKey(user),
    };
  }

  private authenticateApp(query: Received<AccessTokenQuery>): SimAppConfig | WechatErrorReply {
    if (query.grant_type !== GRANT_TYPE.clientCredential)
      return wxError(WX_ERRCODE.INVALID_GRANT_TYPE);
    if (!query.appid) return wxError(WX_ERRCODE.APPID_MISSING);
    if (!query.secret) return wxError(WX_ERRCODE.APPSECRET_MISSING);
    const app = this.state.apps.get(query.appid);
    if (app === undefined) return wxError(WX_ERRCODE.INVALID_APPID);
    if (query.secret !== app.secret) return wxError(WX_ERRCODE.INVALID_APPSECRET);
    return app;
  }

  /** The appId the token belongs to, or the token's errcode. */
  private authenticateToken(accessToken: string | undefined): string | WechatErrorReply {
    if (!accessToken) return wxError(WX_ERRCODE.ACCESS_TOKEN_MISSING);
    if (this.state.faults.drawTokenRejection()) return wxError(WX_ERRCODE.INVALID_CREDENTIAL);
    const check = this.state.tokens.check(accessToken, this.state.clock.now());
    return check.valid ? check.appId : wxError(check.errcode);
  }

  private authenticateSessionKey(
    query: Received<SessionKeySignatureQuery>,
  ): SimUser | WechatErrorReply {
    const { state } = this;
    const tokenAppId = this.authenticateToken(query.access_token);
    if (typeof tokenAppId !== 'string') return tokenAppId;
    if (query.sig_method !== SIG_METHOD_HMAC_SHA256) return wxError(WX_ERRCODE.INVALID_SIG_METHOD);
    const user = query.openid ? state.findUserByOpenId(tokenAppId, query.openid) : undefined;
    if (user === undefined) return wxError(WX_ERRCODE.INVALID_OPENID);
    // The HMAC key is the session_key text, not its decoded bytes
    // (docs/wechat-protocol.md#check-session-key).
    // Not constant-time: this is a test double, and the caller already holds the key.
    const isCurrentKey =
      user.sessionKey !== undefined &&
      state.hasValidSessionKey(user) &&
      query.signature === signWithSessionKey(user.sessionKey, '');
    return isCurrentKey ? user : wxError(WX_ERRCODE.INVALID_SIGNATURE);
  }

  private isSecretOfAnotherApp(secret: string): boolean {
    for (const app of this.state.apps.values()) if (app.secret === secret) return true;
    return false;
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}
