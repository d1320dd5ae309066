import {
  type ClientAction,
  ERROR_CATALOGUE,
  ERROR_CODES,
  type ErrorCode,
  type ErrorEnvelope,
  type TokenResponse,
  type UserView,
} from '@wxlogin/contracts';
import { createMemoryStorage } from '../stores/key-value-storage';
import { SESSION_STORAGE_KEY } from '../stores/session.store';
import { ApiError, UnsupportedClientError } from './api-error';
import { AuthClient } from './auth.client';
import type { AuthPlatform, ClientKind, HttpRequest, HttpResponse } from './auth.platform';

// The real API and simulator are in test/login-flow.e2e.spec.ts; this only pins down what the
// client itself must never do, and how it acts on each catalogue action, with a platform that
// answers every login and refresh.

const user: UserView = {
  id: 'u1',
  appId: 'wx5f3c9a2b7d1e4c60',
  nickname: null,
  avatarUrl: null,
  phoneNumber: null,
  countryCode: null,
  hasUnionId: false,
  createdAt: '2026-11-21T05:00:00.000Z',
};

/** The API's error answer for `code`, as the API builds it from the catalogue. */
function errorAnswer(code: ErrorCode): HttpResponse {
  const { status, retryable, message } = ERROR_CATALOGUE[code];
  const body: ErrorEnvelope = { error: { code, message, requestId: 'req-1', retryable } };
  return { status, body };
}

/** Answers logins and refreshes with tokens; other paths with `answer(path)` when given. */
function fakePlatform(answer?: (path: string) => HttpResponse, client: ClientKind = 'wechat') {
  const requests: HttpRequest[] = [];
  let codes = 0;
  const platform: AuthPlatform = {
    client,
    getLoginCode: () => Promise.resolve(`code-${(codes += 1)}`),
    checkSession: () => Promise.resolve(true),
    request(request) {
      requests.push(request);
      const path = new URL(request.url).pathname;
      if (answer && path !== '/api/auth/login' && path !== '/api/auth/refresh') {
        return Promise.resolve(answer(path));
      }
      const tokens: TokenResponse = {
        accessToken: `access-${codes}`,
        refreshToken: `refresh-${codes}`,
        expiresIn: 900,
        user,
      };
      return Promise.resolve({ status: 200, body: tokens });
    },
    uploadFile: () => Promise.reject(new Error('not used')),
    storage: createMemoryStorage(),
  };
  return { platform, requests, loginCodes: () => codes };
}

describe('AuthClient', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('should schedule no timer to refresh the login code (pitfall-timed-code-refresh)', async () => {
    jest.useFakeTimers();
    const { platform, loginCodes } = fakePlatform();
    const client = new AuthClient(platform, { apiBase: 'https://api.example' });

    await client.start();

    expect(jest.getTimerCount()).toBe(0);
    expect(loginCodes()).toBe(1);
  });

  it('should keep only its own tokens and the user view in storage, never WeChat login state (pitfall-session-key-to-client)', async () => {
    const { platform } = fakePlatform();
    const client = new AuthClient(platform, { apiBase: 'https://api.example' });

    await client.start();

    expect(Object.keys(platform.storage.get(SESSION_STORAGE_KEY) as object).sort()).toEqual([
      'accessToken',
      'refreshToken',
      'user',
    ]);
  });

  it('should send the AppID with the login only when one is configured', async () => {
    const withAppId = fakePlatform();
    await new AuthClient(withAppId.platform, {
      apiBase: 'https://api.example',
      appId: 'wx5f3c9a2b7d1e4c60',
    }).start();
    const without = fakePlatform();
    await new AuthClient(without.platform, { apiBase: 'https://api.example' }).start();

    expect(withAppId.requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://api.example/api/auth/login',
      body: { code: 'code-1', appId: 'wx5f3c9a2b7d1e4c60' },
    });
    expect(without.requests[0]?.body).toEqual({ code: 'code-1' });
  });

  describe('when a silent login fails for a temporary reason', () => {
    const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

    /** Answers each login with the next of `answers` (an HTTP answer, or no answer at all). */
    function loginAnswers(...answers: (HttpResponse | Error)[]) {
      const fake = fakePlatform();
      const answerTokens = fake.platform.request.bind(fake.platform);
      fake.platform.request = (request) => {
        const next = answers.shift();
        if (next === undefined) return answerTokens(request);
        fake.requests.push(request);
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      };
      const client = new AuthClient(fake.platform, {
        apiBase: 'https://api.example',
        loginRetry: policy,
      });
      return { client, ...fake };
    }

    it('should try again with a fresh code after a growing back-off, then succeed', async () => {
      jest.useFakeTimers();
      jest.spyOn(Math, 'random').mockReturnValue(0);
      const { client, requests } = loginAnswers(
        errorAnswer('WX_UNAVAILABLE'),
        new Error('request:fail timeout'),
      );

      const started = client.start();
      await jest.advanceTimersByTimeAsync(49);
      expect(requests).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(requests).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(99);
      expect(requests).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(1);

      await expect(started).resolves.toEqual(user);
      expect(requests.map(({ body }) => body)).toEqual([
        { code: 'code-1' },
        { code: 'code-2' },
        { code: 'code-3' },
      ]);
    });

    it("should give up after the policy's number of tries with the last failure", async () => {
      jest.useFakeTimers();
      const { client, requests } = loginAnswers(
        errorAnswer('RATE_LIMITED'),
        errorAnswer('WX_UNAVAILABLE'),
        errorAnswer('WX_UNAVAILABLE'),
      );

      const started = client.start();
      const settled = started.catch((error: unknown) => error);
      await jest.advanceTimersByTimeAsync(10_000);

      await expect(settled).resolves.toEqual(new ApiError('WX_UNAVAILABLE', 503, 'req-1'));
      expect(requests).toHaveLength(3);
      expect(client.user).toBeNull();
    });

    it.each(['WX_CODE_INVALID', 'WX_USER_BLOCKED', 'INTERNAL_ERROR'] as const)(
      'should not try again after %s, which would fail the same way',
      async (code) => {
        const { client, requests } = loginAnswers(errorAnswer(code));

        await expect(client.start()).rejects.toMatchObject({ code });
        expect(requests).toHaveLength(1);
      },
    );
  });

  it.each(['wxwork', 'unsupported'] as const)(
    'should refuse to start in the %s client without asking for a login code',
    async (client) => {
      const { platform, requests, loginCodes } = fakePlatform(undefined, client);
      const auth = new AuthClient(platform, { apiBase: 'https://api.example' });

      await expect(auth.start()).rejects.toEqual(new UnsupportedClientError(client));
      await expect(auth.fetchMe()).rejects.toBeInstanceOf(UnsupportedClientError);
      expect(loginCodes()).toBe(0);
      expect(requests).toEqual([]);
    },
  );

  describe('when the API refuses a phone binding, for each catalogue action', () => {
    const codesByAction = (...actions: ClientAction[]) =>
      ERROR_CODES.filter((code) => actions.includes(ERROR_CATALOGUE[code].clientAction));
    const phoneTap = { errMsg: 'getPhoneNumber:ok', code: 'phone-code' };

    async function refusePhoneWith(code: ErrorCode) {
      const fake = fakePlatform(() => errorAnswer(code));
      const client = new AuthClient(fake.platform, { apiBase: 'https://api.example' });
      await client.start();
      const outcome = client.bindPhone(phoneTap);
      await outcome.catch(() => undefined);
      const paths = fake.requests.map(({ url }) => new URL(url).pathname);
      return { outcome, paths, loginCodes: fake.loginCodes() };
    }

    it('should cover every code in these cases', () => {
      const covered = codesByAction(
        'login-again',
        'login-again-then-retap',
        'renew-session',
        'retap',
        'retry-later',
        'show-message',
      );
      expect([...covered].sort()).toEqual([...ERROR_CODES].sort());
    });

    it.each(codesByAction('login-again', 'login-again-then-retap'))(
      'should log in again silently and ask for one more tap on %s',
      async (code) => {
        const { outcome, loginCodes } = await refusePhoneWith(code);

        await expect(outcome).resolves.toEqual({ kind: 'retap' });
        expect(loginCodes).toBe(2);
      },
    );

    it.each(codesByAction('renew-session'))(
      'should refresh the session once, send the tap again, then give up on %s',
      async (code) => {
        const { outcome, paths, loginCodes } = await refusePhoneWith(code);

        await expect(outcome).rejects.toEqual(new ApiError(code, 401, 'req-1'));
        expect(paths).toEqual([
          '/api/auth/login',
          '/api/auth/phone',
          '/api/auth/refresh',
          '/api/auth/phone',
        ]);
        expect(loginCodes).toBe(1);
      },
    );

    it.each(codesByAction('retap', 'retry-later', 'show-message'))(
      'should reject with %s (the page shows its message) without logging in again',
      async (code) => {
        const { outcome, paths, loginCodes } = await refusePhoneWith(code);

        await expect(outcome).rejects.toMatchObject({ code, status: ERROR_CATALOGUE[code].status });
        expect(paths).toEqual(['/api/auth/login', '/api/auth/phone']);
        expect(loginCodes).toBe(1);
      },
    );
  });
});
