import { SESSION_STORAGE_KEY, type StoredSession } from '../session/session.store.js';
import { API_BASE, errorAnswer, fakePlatform } from '../fake-platform.testing.js';
import type { HttpRequest } from '../platform.js';
import { createWxLogin } from '../wxlogin.js';

/** The API refuses every access token but `valid` with UNAUTHENTICATED (as for an expired one). */
const refuseAllBut = (valid: () => string) => (request: HttpRequest, path: string) =>
  path.startsWith('/api/auth/') || request.headers.authorization === `Bearer ${valid()}`
    ? undefined
    : errorAnswer('UNAUTHENTICATED');

/** A phone that logged in once, then reopened the app with an access token the API refuses. */
async function relaunchWithExpiredToken(answer = refuseAllBut(() => 'access-1-1')) {
  const fake = fakePlatform({ answer });
  await createWxLogin({ platform: fake.platform, apiBase: API_BASE }).start();
  const stored = fake.platform.storage.get(SESSION_STORAGE_KEY) as StoredSession;
  fake.platform.storage.set(SESSION_STORAGE_KEY, { ...stored, accessToken: 'expired' });
  fake.requests.length = 0;
  return { ...fake, client: createWxLogin({ platform: fake.platform, apiBase: API_BASE }) };
}

describe('requests on the user’s behalf', () => {
  it('should renew a refused access token once and retry the request with the new one', async () => {
    const { client, requests, routes } = await relaunchWithExpiredToken();

    await client.profile.fetchMe();

    expect(routes()).toEqual(['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
    expect(requests[1]?.body).toEqual({ refreshToken: 'refresh-1-0' });
    expect(requests[2]?.headers.authorization).toBe('Bearer access-1-1');
  });

  it('should share one refresh between ten requests refused at once', async () => {
    const { client, routes } = await relaunchWithExpiredToken();

    await Promise.all(Array.from({ length: 10 }, () => client.profile.fetchMe()));

    expect(routes().filter((route) => route === 'POST /api/auth/refresh')).toHaveLength(1);
    expect(routes().filter((route) => route === 'GET /api/me')).toHaveLength(20);
  });

  it('should give up after one renewal when the new token is refused too', async () => {
    const { client, routes } = await relaunchWithExpiredToken(refuseAllBut(() => 'never'));

    await expect(client.profile.fetchMe()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(routes()).toEqual(['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
  });

  it('should forget the session and log in silently when the refresh token was reused', async () => {
    let refusedRefresh = false;
    const { client, routes, platform, loginCodes } = await relaunchWithExpiredToken(
      (request, path) => {
        if (path === '/api/auth/refresh' && !refusedRefresh) {
          refusedRefresh = true;
          return errorAnswer('REFRESH_TOKEN_REUSED');
        }
        return refuseAllBut(() => 'access-2-0')(request, path);
      },
    );

    await client.profile.fetchMe();

    expect(routes()).toEqual([
      'GET /api/me',
      'POST /api/auth/refresh',
      'POST /api/auth/login',
      'GET /api/me',
    ]);
    expect(loginCodes()).toBe(2);
    expect(platform.storage.get(SESSION_STORAGE_KEY)).toMatchObject({ accessToken: 'access-2-0' });
  });

  it('should clear storage on logout even when the API cannot be reached', async () => {
    const fake = fakePlatform();
    const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE });
    await client.start();
    fake.platform.request = () => Promise.reject(new Error('request:fail timeout'));

    await expect(client.logout()).rejects.toMatchObject({ name: 'NetworkError' });

    expect(fake.platform.storage.get(SESSION_STORAGE_KEY)).toBeUndefined();
    expect(client.session.user).toBeNull();
  });

  it('should not log in just to log out', async () => {
    const fake = fakePlatform();

    await createWxLogin({ platform: fake.platform, apiBase: API_BASE }).logout();

    expect(fake.requests).toEqual([]);
    expect(fake.loginCodes()).toBe(0);
  });
});
