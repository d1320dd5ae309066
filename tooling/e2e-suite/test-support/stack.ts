import { DEV_APP, type RunningSimulator, startSimulator } from '@wxlogin/wechat-sim';
import { createTestDatabase, type TestDatabase } from '@wxlogin/dev-postgres';
import type { TokenResponse } from '@wxlogin/contracts';
import { hostUnderTest, type HostSettings, type RunningHost, type WxApp } from './host';

/** Settings of a host in a stack: the database and WeChat are the stack's. */
export type StackHostSettings = Omit<HostSettings, 'databaseUrl' | 'wxlogin'> & {
  readonly wxlogin?: Partial<HostSettings['wxlogin']>;
};

/** The host under test on a fresh database, talking to the simulator over HTTP. */
export interface E2eStack {
  readonly wechat: RunningSimulator;
  readonly db: TestDatabase;
  api: RunningHost;
  /** Starts another instance of the host on the same database and simulator. */
  startAnotherApi(settings?: StackHostSettings): Promise<RunningHost>;
  /** Replaces `api` with a fresh instance on the same database (an app restart). */
  restartApi(): Promise<void>;
  post(path: string, body: unknown, accessToken?: string): Promise<Response>;
  get(path: string, accessToken?: string): Promise<Response>;
  /** `wx.login` on the simulated phone, then POST /api/auth/login with the code. */
  login(userId: string, extra?: Record<string, unknown>): Promise<TokenResponse>;
  close(): Promise<void>;
}

export async function startE2eStack(
  settings: StackHostSettings = {},
  apps: readonly WxApp[] = [DEV_APP],
): Promise<E2eStack> {
  const host = hostUnderTest();
  const wechat = await startSimulator({
    port: 0,
    freezeClock: true,
    perUserMinuteQuota: 0,
    apps: [...apps],
  });
  const db = await createTestDatabase((url) => host.migrate(url));
  const start = (extra: StackHostSettings = {}) =>
    host.start({
      ...settings,
      ...extra,
      databaseUrl: db.url,
      wxlogin: { apps, wechatApiBaseUrl: wechat.url, ...settings.wxlogin, ...extra.wxlogin },
    });
  const others: RunningHost[] = [];
  const stack: E2eStack = {
    wechat,
    db,
    api: await start(),
    async startAnotherApi(extra = {}) {
      const another = await start(extra);
      others.push(another);
      return another;
    },
    async restartApi() {
      await stack.api.close();
      stack.api = await start();
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
