import {
  DEV_APP,
  type RunningSimulator,
  type SimAppConfig,
  startSimulator,
} from '@wxlogin/wechat-sim';
import type { TokenResponse } from '@wxlogin/contracts';
import type { CreateAppOptions } from '../../src/app.factory';
import { startApi, type RunningApi } from './test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

/** The real API on a fresh database, talking to the simulator over HTTP. */
export interface E2eStack {
  readonly wechat: RunningSimulator;
  readonly db: TestDatabase;
  api: RunningApi;
  /** Starts another API instance on the same database and simulator. */
  startAnotherApi(env?: Record<string, string>, options?: CreateAppOptions): Promise<RunningApi>;
  /** Replaces `api` with a fresh instance on the same database (an app restart). */
  restartApi(): Promise<void>;
  post(path: string, body: unknown, accessToken?: string): Promise<Response>;
  get(path: string, accessToken?: string): Promise<Response>;
  /** `wx.login` on the simulated phone, then POST /api/auth/login with the code. */
  login(userId: string, extra?: Record<string, unknown>): Promise<TokenResponse>;
  close(): Promise<void>;
}

export async function startE2eStack(
  env: Record<string, string> = {},
  apps: SimAppConfig[] = [DEV_APP],
): Promise<E2eStack> {
  const wechat = await startSimulator({ port: 0, freezeClock: true, perUserMinuteQuota: 0, apps });
  const db = await createTestDatabase();
  const apiEnv = {
    DATABASE_URL: db.url,
    WECHAT_API_BASE: wechat.url,
    WX_APPS: apps.map((app) => `${app.appId}:${app.secret}`).join(','),
    ...env,
  };
  const others: RunningApi[] = [];
  const stack: E2eStack = {
    wechat,
    db,
    api: await startApi(apiEnv),
    async startAnotherApi(extra = {}, options = {}) {
      const another = await startApi({ ...apiEnv, ...extra }, options);
      others.push(another);
      return another;
    },
    async restartApi() {
      await stack.api.close();
      stack.api = await startApi(apiEnv);
    },
    post: (path, body, accessToken) =>
      fetch(stack.api.url + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
        },
        body: JSON.stringify(body),
      }),
    get: (path, accessToken) =>
      fetch(stack.api.url + path, {
        headers: accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` },
      }),
    async login(userId, extra = {}) {
      const { code } = wechat.sim.login(DEV_APP.appId, userId);
      const response = await stack.post('/api/auth/login', { code, ...extra });
      if (response.status !== 200) {
        throw new Error(`login answered ${response.status}: ${await response.text()}`);
      }
      return (await response.json()) as TokenResponse;
    },
    async close() {
      for (const other of others) await other.close();
      await stack.api.close();
      await wechat.close();
      await db.drop();
    },
  };
  return stack;
}

/** The `error.code` of an error envelope response. */
export async function errorCodeOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code ?? `no error envelope (HTTP ${response.status})`;
}
