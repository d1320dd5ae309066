import { type LoginRequest, loginRoute, type UserView } from '@wxlogin/contracts';
import { UnsupportedClientError } from '../errors.js';
import type { ApiClient } from '../http/api-client.js';
import type { AuthPlatform } from '../platform.js';
import type { SessionStore, StoredSession } from '../session/session.store.js';
import {
  DEFAULT_LOGIN_RETRY,
  isTemporaryLoginFailure,
  type LoginRetryPolicy,
  loginRetryDelayMs,
} from './login-retry.js';

export interface SilentLoginOptions {
  /** The mini-program's AppID, sent with each login so a multi-app API picks the right app. */
  appId?: string;
  /** How a silent login that failed for a temporary reason is tried again. */
  loginRetry?: LoginRetryPolicy;
}

/**
 * WeChat's silent login: a `wx.login` code exchanged at `POST /api/auth/login` for our own
 * tokens. It never fetches a code ahead of time (no timers): the server keeps WeChat's login
 * state, so a code is asked for only when a login actually happens.
 */
export interface SilentLogin {
  /**
   * Launch: keep the stored session while WeChat still holds the login state behind it, else log
   * in silently. The user sees no prompt either way.
   */
  readonly start: () => Promise<UserView>;
  /** Logs in now, whatever is stored; concurrent callers share the one login in progress. */
  readonly signIn: () => Promise<StoredSession>;
}

export function createSilentLogin(
  platform: AuthPlatform,
  api: ApiClient,
  session: SessionStore,
  { appId, loginRetry = DEFAULT_LOGIN_RETRY }: SilentLoginOptions,
): SilentLogin {
  // Single flight: concurrent callers share the one operation in progress.
  let launching: Promise<UserView> | null = null;
  let signingIn: Promise<StoredSession> | null = null;

  /**
   * Only WeChat's login codes go to the API (and on to `jscode2session`). 企业微信 is refused
   * rather than supported: its `wx.qy.login` codes need 企业微信's own code exchange.
   */
  function refuseUnsupportedClient(): void {
    const { client } = platform;
    if (client !== 'wechat') throw new UnsupportedClientError(client);
  }

  async function loginWithFreshCode(): Promise<StoredSession> {
    const code = await platform.getLoginCode();
    const body: LoginRequest = appId ? { code, appId } : { code };
    return session.keep(await api.send(loginRoute, body, null));
  }

  /**
   * A fresh code per try; a temporary failure (WeChat busy or slow, the database down, no answer)
   * is tried again after a jittered, growing back-off, as often as the policy allows.
   */
  async function exchangeLoginCode(): Promise<StoredSession> {
    refuseUnsupportedClient();
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await loginWithFreshCode();
      } catch (error) {
        if (attempt >= loginRetry.attempts || !isTemporaryLoginFailure(error)) throw error;
        const delayMs = loginRetryDelayMs(attempt, loginRetry, Math.random());
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  function signIn(): Promise<StoredSession> {
    signingIn ??= exchangeLoginCode().finally(() => {
      signingIn = null;
    });
    return signingIn;
  }

  async function resumeOrSignIn(): Promise<UserView> {
    refuseUnsupportedClient();
    const stored = session.current;
    if (stored && (await platform.checkSession())) return stored.user;
    return (await signIn()).user;
  }

  return {
    start: () => {
      launching ??= resumeOrSignIn().finally(() => {
        launching = null;
      });
      return launching;
    },
    signIn,
  };
}
