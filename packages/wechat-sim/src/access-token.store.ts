import { randomBytes } from 'node:crypto';
import { WECHAT_LIMITS, WX_ERRCODE, type AccessTokenReply } from '@wxlogin/wechat-protocol';

const {
  accessTokenTtlMs,
  stableTokenRenewBeforeMs,
  forceRefreshMinIntervalMs,
  forceRefreshesPerDay,
} = WECHAT_LIMITS;
/** WeChat's days are Beijing days (UTC+8). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

interface IssuedToken {
  readonly appId: string;
  readonly expiresAt: number;
}

interface StableTokenState {
  current: string;
  /** The token the last normal-mode renewal replaced; valid until its own expiry. */
  previous: string | undefined;
  forceDay: number;
  forceCount: number;
  lastForceAt: number | undefined;
}

/** Whether a token opens the APIs: its app, or the errcode WeChat answers for it. */
export type TokenCheck =
  | { valid: true; appId: string }
  | {
      valid: false;
      errcode: typeof WX_ERRCODE.INVALID_CREDENTIAL | typeof WX_ERRCODE.ACCESS_TOKEN_EXPIRED;
    };

/**
 * access_tokens of both kinds. They share one namespace for checking (any valid token opens the
 * APIs) but are minted independently: a /cgi-bin/token call never touches a stable token and the
 * other way round ("与 getAccessToken 获取的调用凭证完全隔离，互不影响").
 * An invalidated token is forgotten, so it answers 40001 like an unknown one ("access_token is
 * invalid or not latest"); an expired one is kept and answers 42001. At most a few live tokens
 * exist per app, so the map stays small.
 */
export class AccessTokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly latestPlain = new Map<string, string>();
  private readonly stable = new Map<string, StableTokenState>();

  /** /cgi-bin/token: each call mints a new token and invalidates the app's previous one at once. */
  mintPlain(appId: string, now: number): AccessTokenReply {
    const previous = this.latestPlain.get(appId);
    if (previous !== undefined) this.tokens.delete(previous);
    const token = this.mint(appId, now);
    this.latestPlain.set(appId, token);
    return { access_token: token, expires_in: accessTokenTtlMs / 1000 };
  }

  /**
   * /cgi-bin/stable_token. Normal mode returns the current token while more than 5 minutes remain,
   * then renews while the old one stays valid to its end (so every answer has expires_in >= 300).
   * force_refresh invalidates every earlier stable token at once, at most 20 times a (Beijing) day;
   * a force within 30 s of the last one is served like normal mode. Source: getStableAccessToken
   * docs (docs/wechat-protocol.md#access-token).
   */
  stableToken(
    appId: string,
    now: number,
    forceRefresh: boolean,
  ): AccessTokenReply | typeof WX_ERRCODE.DAILY_QUOTA_REACHED {
    const state = this.stable.get(appId);
    if (
      forceRefresh &&
      (state?.lastForceAt === undefined || now - state.lastForceAt >= forceRefreshMinIntervalMs)
    ) {
      const day = Math.floor((now + BEIJING_OFFSET_MS) / 86_400_000);
      const usedToday = state !== undefined && state.forceDay === day ? state.forceCount : 0;
      if (usedToday >= forceRefreshesPerDay) return WX_ERRCODE.DAILY_QUOTA_REACHED;
      if (state !== undefined) {
        this.tokens.delete(state.current);
        if (state.previous !== undefined) this.tokens.delete(state.previous);
      }
      const token = this.mint(appId, now);
      this.stable.set(appId, {
        current: token,
        previous: undefined,
        forceDay: day,
        forceCount: usedToday + 1,
        lastForceAt: now,
      });
      return { access_token: token, expires_in: accessTokenTtlMs / 1000 };
    }

    const current = state === undefined ? undefined : this.tokens.get(state.current);
    if (
      state !== undefined &&
      current !== undefined &&
      current.expiresAt - now > stableTokenRenewBeforeMs
    ) {
      return {
        access_token: state.current,
        expires_in: Math.floor((current.expiresAt - now) / 1000),
      };
    }
    const token = this.mint(appId, now);
    if (state === undefined) {
      this.stable.set(appId, {
        current: token,
        previous: undefined,
        forceDay: 0,
        forceCount: 0,
        lastForceAt: undefined,
      });
    } else {
      if (state.previous !== undefined) this.tokens.delete(state.previous);
      state.previous = state.current;
      state.current = token;
    }
    return { access_token: token, expires_in: accessTokenTtlMs / 1000 };
  }

  check(token: string, now: number): TokenCheck {
    const issued = this.tokens.get(token);
    if (issued === undefined) return { valid: false, errcode: WX_ERRCODE.INVALID_CREDENTIAL };
    if (now >= issued.expiresAt) return { valid: false, errcode: WX_ERRCODE.ACCESS_TOKEN_EXPIRED };
    return { valid: true, appId: issued.appId };
  }

  clear(): void {
    this.tokens.clear();
    this.latestPlain.clear();
    this.stable.clear();
  }

  private mint(appId: string, now: number): string {
    // Real tokens are 130-160 URL-safe characters; callers must reserve 512.
    const token = randomBytes(99).toString('base64url');
    this.tokens.set(token, { appId, expiresAt: now + accessTokenTtlMs });
    return token;
  }
}
