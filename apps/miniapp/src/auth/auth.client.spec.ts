import type { TokenResponse, UserView } from '@wxlogin/contracts';
import { createMemoryStorage } from '../stores/key-value-storage';
import { SESSION_STORAGE_KEY } from '../stores/session.store';
import { AuthClient } from './auth.client';
import type { AuthPlatform, HttpRequest } from './auth.platform';

// The real API and simulator are in test/login-flow.e2e.spec.ts; this only pins down what the
// client itself must never do, with a platform that answers every login.

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

function fakePlatform() {
  const requests: HttpRequest[] = [];
  let codes = 0;
  const platform: AuthPlatform = {
    getLoginCode: () => Promise.resolve(`code-${(codes += 1)}`),
    checkSession: () => Promise.resolve(true),
    request(request) {
      requests.push(request);
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
  });

  it('should schedule no timer to refresh the login code (seeds 001 and 002 do, every few minutes)', async () => {
    jest.useFakeTimers();
    const { platform, loginCodes } = fakePlatform();
    const client = new AuthClient(platform, { apiBase: 'https://api.example' });

    await client.start();

    expect(jest.getTimerCount()).toBe(0);
    expect(loginCodes()).toBe(1);
  });

  it('should keep only its own tokens and the user view in storage, never WeChat login state (seed 004)', async () => {
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
});
