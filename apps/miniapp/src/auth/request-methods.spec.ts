import { ERROR_CATALOGUE, ROUTES, type TokenResponse, type UserView } from '@wxlogin/contracts';
import { createMemoryStorage } from '../stores/key-value-storage';
import { AuthClient } from './auth.client';
import { type AuthPlatform, type HttpResponse, WECHAT_REQUEST_METHODS } from './auth.platform';

// PATCH /api/me once failed on phones only ("method invalid"): every request the client makes,
// and the API route it lands on, must use a method wx.request accepts. The headless host
// (packages/weapp-host) refuses other methods on the built bundle; this is the quick check.

/** The routes the API registers, as OpenAPI lays them out: path → lower-case method → route. */
function documentedRoutes(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.values(ROUTES)) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: route };
  }
  return paths;
}

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

/** Records every request; the first `GET /api/me` is refused so that the renewal runs too. */
function recordingPlatform() {
  const sent: { method: string; path: string }[] = [];
  let refusedOnce = false;
  const tokens: TokenResponse = {
    accessToken: 'access',
    refreshToken: 'refresh',
    expiresIn: 900,
    user,
  };
  const answer = (method: string, path: string): HttpResponse => {
    if (path === '/api/auth/login' || path === '/api/auth/refresh') {
      return { status: 200, body: tokens };
    }
    if (path === '/api/me' && method === 'GET' && !refusedOnce) {
      refusedOnce = true;
      const { status, message, retryable } = ERROR_CATALOGUE.UNAUTHENTICATED;
      return {
        status,
        body: { error: { code: 'UNAUTHENTICATED', message, requestId: 'r', retryable } },
      };
    }
    if (path === '/api/auth/phone') return { status: 200, body: { user } };
    if (path === '/api/auth/logout') return { status: 204, body: '' };
    return { status: 200, body: user };
  };
  const platform: AuthPlatform = {
    client: 'wechat',
    getLoginCode: () => Promise.resolve('login-code'),
    checkSession: () => Promise.resolve(true),
    request({ method, url }) {
      const path = new URL(url).pathname;
      sent.push({ method, path });
      return Promise.resolve(answer(method, path));
    },
    uploadFile({ url }) {
      // wx.uploadFile always POSTs multipart/form-data.
      sent.push({ method: 'POST', path: new URL(url).pathname });
      return Promise.resolve({ status: 200, body: { avatarUrl: 'https://api.example/a.png' } });
    },
    storage: createMemoryStorage(),
  };
  return { platform, sent };
}

describe('request methods', () => {
  it('should send only methods wx.request accepts, each to a route the API documents', async () => {
    const { platform, sent } = recordingPlatform();
    const client = new AuthClient(platform, { apiBase: 'https://api.example' });

    await client.start();
    await client.bindPhone({ errMsg: 'getPhoneNumber:ok', code: 'phone-code' });
    await client.fetchMe();
    await client.updateNickname('小明');
    await client.uploadAvatar('wxfile://tmp/avatar.png');
    await client.logout();

    const documented = documentedRoutes();
    const used = sent.map(({ method, path }) => ({
      route: `${method} ${path}`,
      wechatAccepts: (WECHAT_REQUEST_METHODS as readonly string[]).includes(method),
      documented: documented[path]?.[method.toLowerCase()] !== undefined,
    }));
    expect(used).toEqual(
      used.map(({ route }) => ({ route, wechatAccepts: true, documented: true })),
    );
    expect(new Set(used.map(({ route }) => route))).toEqual(
      new Set([
        'POST /api/auth/login',
        'POST /api/auth/phone',
        'GET /api/me',
        'POST /api/auth/refresh',
        'PUT /api/me',
        'POST /api/me/avatar',
        'POST /api/auth/logout',
      ]),
    );
  });

  it('should document no API operation with a method wx.request refuses', () => {
    const operations = Object.entries(documentedRoutes()).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const refused = operations.filter(
      (operation) =>
        !(WECHAT_REQUEST_METHODS as readonly string[]).includes(operation.split(' ')[0] ?? ''),
    );
    expect(refused).toEqual([]);
  });
});
