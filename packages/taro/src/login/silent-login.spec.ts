import { SESSION_STORAGE_KEY } from '../session/session.store.js';
import { ApiError, UnsupportedClientError } from '../errors.js';
import { API_BASE, errorAnswer, fakePlatform, TEST_USER } from '../fake-platform.testing.js';
import type { HttpResponse } from '../platform.js';
import { createWxLogin } from '../wxlogin.js';

describe('silent login', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('should schedule no timer to refresh the login code (pitfall-timed-code-refresh)', async () => {
    jest.useFakeTimers();
    const { platform, loginCodes } = fakePlatform();

    await createWxLogin({ platform, apiBase: API_BASE }).start();

    expect(jest.getTimerCount()).toBe(0);
    expect(loginCodes()).toBe(1);
  });

  it('should keep only its own tokens and the user view in storage, never WeChat login state (pitfall-session-key-to-client)', async () => {
    const { platform } = fakePlatform();

    await createWxLogin({ platform, apiBase: API_BASE }).start();

    expect(Object.keys(platform.storage.get(SESSION_STORAGE_KEY) as object).sort()).toEqual([
      'accessToken',
      'refreshToken',
      'user',
    ]);
  });

  it('should send the AppID with the login only when one is configured', async () => {
    const withAppId = fakePlatform();
    await createWxLogin({
      platform: withAppId.platform,
      apiBase: API_BASE,
      appId: 'wx5f3c9a2b7d1e4c60',
    }).start();
    const without = fakePlatform();
    await createWxLogin({ platform: without.platform, apiBase: API_BASE }).start();

    expect(withAppId.requests[0]).toMatchObject({
      method: 'POST',
      url: `${API_BASE}/api/auth/login`,
      body: { code: 'code-1', appId: 'wx5f3c9a2b7d1e4c60' },
    });
    expect(without.requests[0]?.body).toEqual({ code: 'code-1' });
  });

  it('should keep a stored session while WeChat holds its login state, and log in when not', async () => {
    const first = fakePlatform();
    await createWxLogin({ platform: first.platform, apiBase: API_BASE }).start();
    const relaunched = createWxLogin({ platform: first.platform, apiBase: API_BASE });

    await expect(relaunched.start()).resolves.toEqual(TEST_USER);
    expect(first.loginCodes()).toBe(1);

    first.platform.checkSession = () => Promise.resolve(false);
    await relaunched.start();
    expect(first.loginCodes()).toBe(2);
  });

  describe('when it fails for a temporary reason', () => {
    const loginRetry = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 };

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
      const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE, loginRetry });
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

      await expect(started).resolves.toEqual(TEST_USER);
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
      expect(client.session.user).toBeNull();
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
      const { platform, requests, loginCodes } = fakePlatform({ client });
      const wxLogin = createWxLogin({ platform, apiBase: API_BASE });

      await expect(wxLogin.start()).rejects.toEqual(new UnsupportedClientError(client));
      await expect(wxLogin.profile.fetchMe()).rejects.toBeInstanceOf(UnsupportedClientError);
      expect(loginCodes()).toBe(0);
      expect(requests).toEqual([]);
    },
  );
});
