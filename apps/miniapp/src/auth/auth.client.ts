import {
  AvatarResponse,
  ErrorEnvelope,
  type LoginRequest,
  TokenResponse,
  UserResponse,
  UserView,
} from '@wxlogin/contracts';
import * as z from 'zod/mini';
import { SessionStore, type StoredSession } from '../stores/session.store';
import {
  ApiError,
  clientActionOf,
  NetworkError,
  SignedOutError,
  UnexpectedResponseError,
  UnsupportedClientError,
} from './api-error';
import type { AuthPlatform, HttpRequest, HttpResponse, PhoneEventDetail } from './auth.platform';
import {
  DEFAULT_LOGIN_RETRY,
  isTemporaryLoginFailure,
  type LoginRetryPolicy,
  loginRetryDelayMs,
} from './login-retry';
import { type PhoneEvent, readPhoneEvent } from './phone-event';

/** How the client reaches the API. */
export interface AuthClientOptions {
  /** Prefix of every API path: an absolute origin in the mini-program, `''` for same-origin H5. */
  apiBase: string;
  /** The mini-program's AppID, sent with each login so a multi-app API picks the right app. */
  appId?: string;
  /** How a silent login that failed for a temporary reason is tried again. */
  loginRetry?: LoginRetryPolicy;
}

/** One JSON call to the API and the contracts' schema of its success body. */
export interface ApiCall<T> {
  method: HttpRequest['method'];
  path: string;
  body?: unknown;
  schema: z.ZodMiniType<T>;
}

/** What a tap on the phone button led to. */
export type PhoneLoginOutcome =
  | { kind: 'bound'; user: UserView }
  /** The server's WeChat login state was outdated; it is fresh now and one more tap will do. */
  | { kind: 'retap' }
  | Exclude<PhoneEvent, { kind: 'proof' }>;

/** 204 answers (logout) carry no body worth reading. */
const NoContent = z.unknown();

/**
 * The login flow, independent of the runtime: silent login, the request wrapper with single-flight
 * token renewal, phone binding, profile updates and logout. Pages use one instance (see
 * `./index.ts`); tests drive another against the real API and the WeChat simulator.
 *
 * It never fetches a login code ahead of time (no timers): the server keeps WeChat's login state,
 * so a code is asked for only when a login actually happens.
 */
export class AuthClient {
  private readonly store: SessionStore;
  private session: StoredSession | null;
  private readonly listeners = new Set<() => void>();
  // Single-flight promises: concurrent callers share the one operation in progress.
  private launching: Promise<UserView> | null = null;
  private signingIn: Promise<StoredSession> | null = null;
  private refreshing: Promise<StoredSession> | null = null;

  constructor(
    private readonly platform: AuthPlatform,
    private readonly options: AuthClientOptions,
  ) {
    this.store = new SessionStore(platform.storage);
    this.session = this.store.load();
  }

  /** The signed-in user as last seen, or `null`. */
  get user(): UserView | null {
    return this.session?.user ?? null;
  }

  /** Calls `listener` whenever {@link user} changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Whether this runtime lacks a native phone button and {@link simulatePhoneTap} stands in. */
  get simulatesPhoneButton(): boolean {
    return this.platform.simulatePhoneTap !== undefined;
  }

  /** The event detail a `getPhoneNumber` tap would carry (H5 preview and tests only). */
  simulatePhoneTap(): Promise<PhoneEventDetail> {
    if (!this.platform.simulatePhoneTap) {
      return Promise.reject(new Error('this platform has a native phone button'));
    }
    return this.platform.simulatePhoneTap();
  }

  /**
   * Launch: keep the stored session while WeChat still holds the login state behind it, else log
   * in silently (login code → `POST /api/auth/login`). The user sees no prompt either way.
   */
  start(): Promise<UserView> {
    this.launching ??= this.resumeOrSignIn().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  /**
   * Handles a `getPhoneNumber` tap. Sends the phone code, or `encryptedData`/`iv` from older base
   * libraries, with the session that existed before the tap: no login happens between the tap and
   * the server's answer, because a new login code can replace the WeChat login state the
   * encrypted data was made with. When the server reports that state outdated, or the session
   * is gone, this logs in again and asks for one more tap (`retap`); any other refusal rejects
   * (see {@link needsLoginBeforeRetap}).
   */
  async bindPhone(detail: PhoneEventDetail): Promise<PhoneLoginOutcome> {
    const event = readPhoneEvent(detail);
    if (event.kind !== 'proof') return event;
    if (!this.session) {
      await this.signInSilently();
      return { kind: 'retap' };
    }
    try {
      const { user } = await this.call(
        { method: 'POST', path: '/api/auth/phone', body: event.proof, schema: UserResponse },
        { signInIfNeeded: false },
      );
      this.replaceUser(user);
      return { kind: 'bound', user };
    } catch (error) {
      if (!needsLoginBeforeRetap(error)) throw error;
      await this.signInSilently();
      return { kind: 'retap' };
    }
  }

  /** Reloads the user from the API. */
  async fetchMe(): Promise<UserView> {
    const user = await this.call({ method: 'GET', path: '/api/me', schema: UserView });
    this.replaceUser(user);
    return user;
  }

  /** Saves a new nickname (the API trims it and checks 1–32 characters). */
  async updateNickname(nickname: string): Promise<UserView> {
    const user = await this.call({
      method: 'PUT',
      path: '/api/me',
      body: { nickname },
      schema: UserView,
    });
    this.replaceUser(user);
    return user;
  }

  /** Uploads a local image (the `chooseAvatar` temporary file) as the user's avatar. */
  async uploadAvatar(filePath: string): Promise<UserView> {
    const { avatarUrl } = await this.withSession(async (accessToken) =>
      this.read(
        await this.transmit(() =>
          this.platform.uploadFile({
            url: `${this.options.apiBase}/api/me/avatar`,
            filePath,
            fieldName: 'file',
            headers: { authorization: `Bearer ${accessToken}` },
          }),
        ),
        AvatarResponse,
      ),
    );
    // The API already made the upload the user's avatar: no need to fetch the user again.
    const session = this.session;
    if (!session) throw new SignedOutError();
    const user = { ...session.user, avatarUrl };
    this.replaceUser(user);
    return user;
  }

  /**
   * Signs out: revokes the session on the server (`POST /api/auth/logout`) and clears storage.
   * Storage is cleared even when the server cannot be reached; the server session then simply
   * expires.
   */
  async logout(): Promise<void> {
    if (!this.session) return;
    try {
      await this.call(
        { method: 'POST', path: '/api/auth/logout', schema: NoContent },
        { signInIfNeeded: false },
      );
    } finally {
      this.forget();
    }
  }

  /**
   * The one request wrapper: adds the bearer token; when the API asks for a renewed session
   * (`401 UNAUTHENTICATED`, catalogue action `renew-session`) renews it once (refresh token, or
   * a silent login when the refresh token is refused) and retries the original request once.
   */
  call<T>(call: ApiCall<T>, { signInIfNeeded = true } = {}): Promise<T> {
    return this.withSession((accessToken) => this.send(call, accessToken), signInIfNeeded);
  }

  private async resumeOrSignIn(): Promise<UserView> {
    this.refuseUnsupportedClient();
    if (this.session && (await this.platform.checkSession())) return this.session.user;
    return (await this.signInSilently()).user;
  }

  private async withSession<T>(
    operation: (accessToken: string) => Promise<T>,
    signInIfNeeded = true,
  ): Promise<T> {
    let session = this.session;
    if (!session) {
      if (!signInIfNeeded) throw new SignedOutError();
      session = await this.signInSilently();
    }
    try {
      return await operation(session.accessToken);
    } catch (error) {
      if (clientActionOf(error) !== 'renew-session') throw error;
      const renewed = await this.renew(session.accessToken, signInIfNeeded);
      return operation(renewed.accessToken);
    }
  }

  /**
   * A session to replace the one whose access token was just refused. Ten requests refused at
   * once share one refresh; a request refused after the refresh already happened just uses the
   * new tokens.
   */
  private async renew(refusedAccessToken: string, signInIfNeeded: boolean): Promise<StoredSession> {
    const current = this.session;
    if (current && current.accessToken !== refusedAccessToken) return current;
    if (current) {
      try {
        return await this.refreshOnce(current);
      } catch (error) {
        if (!signInIfNeeded || clientActionOf(error) !== 'login-again') throw error;
      }
    } else if (!signInIfNeeded) {
      throw new SignedOutError();
    }
    return this.signInSilently();
  }

  private refreshOnce(current: StoredSession): Promise<StoredSession> {
    this.refreshing ??= this.exchangeRefreshToken(current).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchangeRefreshToken({ refreshToken }: StoredSession): Promise<StoredSession> {
    try {
      return this.keep(
        await this.send(
          {
            method: 'POST',
            path: '/api/auth/refresh',
            body: { refreshToken },
            schema: TokenResponse,
          },
          null,
        ),
      );
    } catch (error) {
      // A refused refresh token will never work again (reused ⇒ the server revoked the family):
      // the catalogue says to log in again, so the stored session is worth nothing.
      if (clientActionOf(error) === 'login-again') this.forget();
      throw error;
    }
  }

  private signInSilently(): Promise<StoredSession> {
    this.signingIn ??= this.exchangeLoginCode().finally(() => {
      this.signingIn = null;
    });
    return this.signingIn;
  }

  /**
   * Only WeChat's login codes go to the API (and on to `jscode2session`). 企业微信 is refused
   * rather than supported: its `wx.qy.login` codes need 企业微信's own code exchange.
   */
  private refuseUnsupportedClient(): void {
    const { client } = this.platform;
    if (client !== 'wechat') throw new UnsupportedClientError(client);
  }

  /**
   * Logs in with a fresh code per try; a temporary failure (WeChat busy or slow, the database
   * down, no answer) is tried again after a jittered, growing back-off, as often as the policy
   * allows.
   */
  private async exchangeLoginCode(): Promise<StoredSession> {
    this.refuseUnsupportedClient();
    const policy = this.options.loginRetry ?? DEFAULT_LOGIN_RETRY;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.loginWithFreshCode();
      } catch (error) {
        if (attempt >= policy.attempts || !isTemporaryLoginFailure(error)) throw error;
        const delayMs = loginRetryDelayMs(attempt, policy, Math.random());
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  private async loginWithFreshCode(): Promise<StoredSession> {
    const code = await this.platform.getLoginCode();
    const body: LoginRequest = this.options.appId ? { code, appId: this.options.appId } : { code };
    return this.keep(
      await this.send(
        { method: 'POST', path: '/api/auth/login', body, schema: TokenResponse },
        null,
      ),
    );
  }

  private async send<T>(call: ApiCall<T>, accessToken: string | null): Promise<T> {
    const headers: Record<string, string> = {};
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    const response = await this.transmit(() =>
      this.platform.request({
        method: call.method,
        url: this.options.apiBase + call.path,
        headers,
        body: call.body,
      }),
    );
    return this.read(response, call.schema);
  }

  /** Runs one platform transfer; a rejection means no HTTP answer arrived. */
  private async transmit(transfer: () => Promise<HttpResponse>): Promise<HttpResponse> {
    try {
      return await transfer();
    } catch (error) {
      throw new NetworkError(describeFailure(error));
    }
  }

  private read<T>(response: HttpResponse, schema: z.ZodMiniType<T>): T {
    if (response.status >= 200 && response.status < 300) {
      const parsed = schema.safeParse(response.body);
      if (parsed.success) return parsed.data;
      throw new UnexpectedResponseError(response.status, 'the body does not match the contract');
    }
    const envelope = ErrorEnvelope.safeParse(response.body);
    if (!envelope.success) {
      throw new UnexpectedResponseError(response.status, 'an error without the error envelope');
    }
    throw new ApiError(envelope.data.error.code, response.status, envelope.data.error.requestId);
  }

  /** Keeps the tokens and user of `session` (a {@link TokenResponse} has more fields). */
  private keep({ accessToken, refreshToken, user }: StoredSession): StoredSession {
    const session = { accessToken, refreshToken, user };
    this.session = session;
    this.store.save(session);
    this.notify();
    return session;
  }

  private replaceUser(user: UserView): void {
    if (this.session) this.keep({ ...this.session, user });
  }

  private forget(): void {
    this.session = null;
    this.store.clear();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * Whether a refused phone binding calls for a silent login and one more tap, decided by the
 * catalogue's action for the API's answer. The other answers reject, and the page shows the
 * catalogue's message.
 */
function needsLoginBeforeRetap(error: unknown): boolean {
  if (error instanceof SignedOutError) return true;
  switch (clientActionOf(error)) {
    case 'login-again-then-retap':
    case 'login-again':
      return true;
    // retap: the message asks for a new tap, and a login would not change its data.
    // renew-session: the request wrapper already renewed the session once for this request.
    // undefined: a network failure or a broken answer, which says nothing about the session.
    case 'retap':
    case 'renew-session':
    case 'retry-later':
    case 'show-message':
    case undefined:
      return false;
  }
}

/** `errMsg` of a failed `wx` call, or the error's message. */
function describeFailure(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) {
    return String(error.errMsg);
  }
  return error instanceof Error ? error.message : String(error);
}
