import {
  ERROR_CATALOGUE,
  type ErrorCode,
  type ErrorEnvelope,
  type TokenResponse,
  type UserView,
} from '@wxlogin/contracts';
import type { AuthPlatform, ClientKind, HttpRequest, HttpResponse } from './platform.js';
import { createMemoryStorage } from './session/key-value-storage.js';

// A platform for unit tests: WeChat and the API played in memory. The real API and simulator are
// in apps/miniapp's flow tests.

export const API_BASE = 'https://api.example';

export const TEST_USER: UserView = {
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
export function errorAnswer(code: ErrorCode): HttpResponse {
  const { status, retryable, message } = ERROR_CATALOGUE[code];
  const body: ErrorEnvelope = { error: { code, message, requestId: 'req-1', retryable } };
  return { status, body };
}

/** Answers a request other than a login or a refresh; `undefined` for the default answer. */
export type Answer = (request: HttpRequest, path: string) => HttpResponse | undefined;

/**
 * Logins and refreshes get fresh tokens (numbered by login code), logout 204, the phone binding
 * `{ user }`, an upload `{ avatarUrl }`, anything else the user; `answer` may say otherwise.
 */
export function fakePlatform({
  answer = () => undefined,
  client = 'wechat',
}: { answer?: Answer; client?: ClientKind } = {}) {
  const requests: HttpRequest[] = [];
  let codes = 0;
  let refreshes = 0;
  const respond = (request: HttpRequest): HttpResponse => {
    const path = new URL(request.url).pathname;
    const answered = answer(request, path);
    if (answered) return answered;
    if (path === '/api/auth/login' || path === '/api/auth/refresh') {
      if (path === '/api/auth/refresh') refreshes += 1;
      const tokens: TokenResponse = {
        accessToken: `access-${codes}-${refreshes}`,
        refreshToken: `refresh-${codes}-${refreshes}`,
        expiresIn: 900,
        user: TEST_USER,
      };
      return { status: 200, body: tokens };
    }
    if (path === '/api/auth/logout') return { status: 204, body: '' };
    if (path === '/api/auth/phone') return { status: 200, body: { user: TEST_USER } };
    if (path === '/api/me/avatar') return { status: 200, body: { avatarUrl: `${API_BASE}/a.png` } };
    return { status: 200, body: TEST_USER };
  };
  const platform: AuthPlatform = {
    client,
    getLoginCode: () => Promise.resolve(`code-${(codes += 1)}`),
    checkSession: () => Promise.resolve(true),
    request(request) {
      requests.push(request);
      return Promise.resolve(respond(request));
    },
    uploadFile({ url, headers }) {
      // wx.uploadFile always POSTs multipart/form-data.
      const request: HttpRequest = { method: 'POST', url, headers };
      requests.push(request);
      return Promise.resolve(respond(request));
    },
    storage: createMemoryStorage(),
  };
  return {
    platform,
    requests,
    /** `METHOD /path` of every request, in order. */
    routes: () => requests.map(({ method, url }) => `${method} ${new URL(url).pathname}`),
    loginCodes: () => codes,
  };
}
