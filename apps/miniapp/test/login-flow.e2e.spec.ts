import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { ERROR_CATALOGUE } from '@wxlogin/contracts';
import {
  createMemoryStorage,
  createWxLogin,
  type KeyValueStorage,
  type LoginRetryPolicy,
  phoneLoginMessage,
  RETAP_MESSAGE,
  SESSION_STORAGE_KEY,
  type StoredSession,
  userMessageOf,
  type WxLogin,
} from '@wxlogin/taro';
import { createSimulatedPhone, type RecordingPlatform } from './support/node-platform';
import { startTestStack, type TestStack } from './support/test-stack';
import { ONE_PIXEL_PNG } from './support/one-pixel-png';

// The flow core against the real API (built, its own process) and the WeChat simulator.

let stack: TestStack;
let people = 0;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

interface Phone {
  userId: string;
  storage: KeyValueStorage;
  platform: RecordingPlatform;
  client: WxLogin;
}

/** A person's phone running the mini-program; pass `userId`/`storage` to reopen the same one. */
function openApp(
  options: { userId?: string; storage?: KeyValueStorage; loginRetry?: LoginRetryPolicy } = {},
): Phone {
  people += 1;
  const userId = options.userId ?? `flow-user-${people}`;
  const storage = options.storage ?? createMemoryStorage();
  const platform = createSimulatedPhone({ simulatorUrl: stack.simulator.url, userId, storage });
  const client = createWxLogin({
    platform,
    apiBase: stack.apiUrl,
    appId: DEV_APP.appId,
    loginRetry: options.loginRetry,
  });
  return { userId, storage, platform, client };
}

function storedSession(storage: KeyValueStorage): StoredSession {
  return storage.get(SESSION_STORAGE_KEY) as StoredSession;
}

/** Replaces the stored access token with one the API refuses, as an expired one would be. */
function spoilAccessToken(storage: KeyValueStorage, session = storedSession(storage)) {
  storage.set(SESSION_STORAGE_KEY, { ...session, accessToken: 'expired.access.token' });
}

function wechatCalls(path: string): number {
  return stack.simulator.sim.counters()[path] ?? 0;
}

describe('silent login', () => {
  it('should log in without a prompt at launch and keep the session for the next launch', async () => {
    const first = openApp();
    const user = await first.client.start();
    expect(user).toMatchObject({ appId: DEV_APP.appId, phoneNumber: null });
    expect(first.platform.count('/sim/login')).toBe(1);
    expect(first.platform.count('/api/auth/login')).toBe(1);
    expect(storedSession(first.storage).user.id).toBe(user.id);

    const relaunch = openApp({ userId: first.userId, storage: first.storage });
    await expect(relaunch.client.start()).resolves.toMatchObject({ id: user.id });
    expect(relaunch.platform.count('/sim/login')).toBe(0);
    expect(relaunch.platform.count('/api/auth/login')).toBe(0);
    await expect(relaunch.client.profile.fetchMe()).resolves.toMatchObject({ id: user.id });
  });

  it('should share one login between concurrent starts', async () => {
    const phone = openApp();
    const [a, b] = await Promise.all([phone.client.start(), phone.client.start()]);
    expect(a.id).toBe(b.id);
    expect(phone.platform.count('/sim/login')).toBe(1);
  });
});

describe('silent login while WeChat is busy', () => {
  afterEach(() => stack.simulator.sim.faults.clear());

  it('should log in with a fresh code after the API answered a retryable WX_UNAVAILABLE', async () => {
    const phone = openApp();
    const { faults } = stack.simulator.sim;
    const codeExchanges = wechatCalls('/sns/jscode2session');
    faults.setBusyRate(1);
    // WeChat recovers as soon as the API has given up on the first code.
    const send = phone.platform.request.bind(phone.platform);
    phone.platform.request = async (request) => {
      const answer = await send(request);
      faults.setBusyRate(0);
      return answer;
    };

    await expect(phone.client.start()).resolves.toMatchObject({ appId: DEV_APP.appId });
    expect(phone.platform.statuses('/api/auth/login')).toEqual([503, 200]);
    expect(phone.platform.count('/sim/login')).toBe(2);
    // The API's own tries on -1 (three) for the first code, one exchange for the second.
    expect(wechatCalls('/sns/jscode2session') - codeExchanges).toBe(4);
  });

  it("should give up after the policy's tries and show the catalogue's message", async () => {
    const phone = openApp({ loginRetry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 } });
    stack.simulator.sim.faults.setBusyRate(1);

    const failure = await phone.client.start().catch((error: unknown) => error);

    expect(userMessageOf(failure)).toBe(ERROR_CATALOGUE.WX_UNAVAILABLE.message);
    expect(phone.platform.statuses('/api/auth/login')).toEqual([503, 503, 503]);
    expect(phone.platform.count('/sim/login')).toBe(3);
    expect(phone.client.session.user).toBeNull();
  });
});

describe('phone number', () => {
  it('should bind the number with the phone code, with no wx.login between the tap and the answer (pitfall-stale-session-key)', async () => {
    const phone = openApp();
    stack.simulator.sim.setUser(DEV_APP.appId, phone.userId, { phoneNumber: '13800138000' });
    await phone.client.start();
    const exchangesBefore = wechatCalls('/wxa/business/getuserphonenumber');

    const outcome = await phone.client.phone.bind(await phone.client.phone.simulateTap());

    expect(outcome).toMatchObject({ kind: 'bound', user: { phoneNumber: '13800138000' } });
    expect(wechatCalls('/wxa/business/getuserphonenumber')).toBe(exchangesBefore + 1);
    // No wx.login between the tap and the answer.
    expect(phone.platform.count('/sim/login')).toBe(1);
    expect(storedSession(phone.storage).user.phoneNumber).toBe('13800138000');
  });

  it('should bind the number with encryptedData and iv from base libraries before 2.21.2', async () => {
    const phone = openApp();
    stack.simulator.sim.setUser(DEV_APP.appId, phone.userId, { phoneNumber: '13912345678' });
    await phone.client.start();
    const { code: _ignoredByOldBaseLibraries, ...legacyDetail } =
      await phone.client.phone.simulateTap();
    const exchangesBefore = wechatCalls('/wxa/business/getuserphonenumber');

    const outcome = await phone.client.phone.bind(legacyDetail);

    expect(outcome).toMatchObject({ kind: 'bound', user: { phoneNumber: '13912345678' } });
    expect(wechatCalls('/wxa/business/getuserphonenumber')).toBe(exchangesBefore);
    expect(phone.platform.count('/sim/login')).toBe(1);
  });

  it('should log in again and ask for one more tap when the encrypted data went stale (pitfall-stale-session-key), then succeed', async () => {
    const phone = openApp();
    stack.simulator.sim.setUser(DEV_APP.appId, phone.userId, { phoneNumber: '13700001111' });
    await phone.client.start();
    // A wx.login the server never heard of (another page, a plugin) replaces WeChat's login
    // state after the silent login: the tap's data is encrypted for a state the server lacks.
    stack.simulator.sim.login(DEV_APP.appId, phone.userId);
    const { code: _unused, ...staleDetail } = await phone.client.phone.simulateTap();

    const first = await phone.client.phone.bind(staleDetail);

    expect(first).toEqual({ kind: 'retap' });
    expect(phoneLoginMessage({ kind: 'retap' })).toBe(RETAP_MESSAGE);
    expect(phone.platform.count('/sim/login')).toBe(2);

    const { code: _unusedAgain, ...freshDetail } = await phone.client.phone.simulateTap();
    const second = await phone.client.phone.bind(freshDetail);

    expect(second).toMatchObject({ kind: 'bound', user: { phoneNumber: '13700001111' } });
    expect(phone.platform.count('/sim/login')).toBe(2);
    expect(phone.platform.statuses('/api/auth/phone')).toEqual([409, 200]);
  });

  it('should bind data captured before one later login, and need a new tap after two (pitfall-stale-session-key)', async () => {
    const phone = openApp();
    stack.simulator.sim.setUser(DEV_APP.appId, phone.userId, { phoneNumber: '13600002222' });
    await phone.client.start();
    const { code: _unused, ...capturedEarly } = await phone.client.phone.simulateTap();
    // Logins elsewhere (another session of the same person) after the data was captured.
    await openApp({ userId: phone.userId }).client.start();

    // One later login: the API still holds the previous WeChat login state for a grace window.
    await expect(phone.client.phone.bind(capturedEarly)).resolves.toMatchObject({ kind: 'bound' });

    const { code: _unusedAgain, ...capturedLate } = await phone.client.phone.simulateTap();
    await openApp({ userId: phone.userId }).client.start();
    await openApp({ userId: phone.userId }).client.start();

    // Two later logins: the server's state is current, the data is too old. Re-login would not
    // help; the catalogue's message asks for a new tap, which works.
    const refused = phone.client.phone.bind(capturedLate);
    await expect(refused).rejects.toMatchObject({ code: 'OPEN_DATA_INVALID', status: 422 });
    expect(userMessageOf(await refused.catch((error: unknown) => error))).toBe(
      ERROR_CATALOGUE.OPEN_DATA_INVALID.message,
    );
    const { code: _unusedOnceMore, ...fresh } = await phone.client.phone.simulateTap();
    await expect(phone.client.phone.bind(fresh)).resolves.toMatchObject({ kind: 'bound' });
    expect(phone.platform.count('/sim/login')).toBe(1);
  });

  it('should send nothing when the user refuses', async () => {
    const phone = openApp();
    await phone.client.start();
    phone.platform.simulatePhoneTap = () =>
      Promise.resolve({ errMsg: 'getPhoneNumber:fail user deny' });

    const outcome = await phone.client.phone.bind(await phone.client.phone.simulateTap());

    expect(outcome).toEqual({ kind: 'denied' });
    expect(phoneLoginMessage({ kind: 'denied' })).toMatch(/取消/);
    expect(phone.platform.count('/api/auth/phone')).toBe(0);
  });

  it('should send nothing and explain when the phone-number quota is exhausted', async () => {
    const phone = openApp();
    await phone.client.start();
    phone.platform.simulatePhoneTap = () =>
      Promise.resolve({ errMsg: 'getPhoneNumber:fail no quota', errno: 1400001 });

    const outcome = await phone.client.phone.bind(await phone.client.phone.simulateTap());

    expect(outcome).toEqual({ kind: 'quota-exhausted' });
    expect(phoneLoginMessage({ kind: 'quota-exhausted' })).toMatch(/暂时不可用/);
    expect(phone.platform.count('/api/auth/phone')).toBe(0);
  });
});

describe('request wrapper', () => {
  it('should refresh once on 401 and retry the original request once', async () => {
    const phone = openApp();
    const user = await phone.client.start();
    spoilAccessToken(phone.storage);
    const relaunch = openApp({ userId: phone.userId, storage: phone.storage });

    await expect(relaunch.client.profile.fetchMe()).resolves.toMatchObject({ id: user.id });

    expect(relaunch.platform.statuses('/api/auth/refresh')).toEqual([200]);
    expect(relaunch.platform.statuses('/api/me')).toEqual([401, 200]);
    expect(relaunch.platform.count('/api/auth/login')).toBe(0);
    expect(storedSession(phone.storage).accessToken).not.toBe('expired.access.token');
  });

  it('should share one refresh between ten requests refused at once', async () => {
    const phone = openApp();
    const user = await phone.client.start();
    spoilAccessToken(phone.storage);
    const relaunch = openApp({ userId: phone.userId, storage: phone.storage });

    const users = await Promise.all(
      Array.from({ length: 10 }, () => relaunch.client.profile.fetchMe()),
    );

    expect(users.map(({ id }) => id)).toEqual(Array(10).fill(user.id));
    expect(relaunch.platform.count('/api/auth/refresh')).toBe(1);
    expect(relaunch.platform.statuses('/api/me').sort()).toEqual([
      ...Array<number>(10).fill(200),
      ...Array<number>(10).fill(401),
    ]);
  });

  it('should clear storage and log in silently again when the refresh token was already used', async () => {
    const phone = openApp();
    const user = await phone.client.start();
    const original = storedSession(phone.storage);
    spoilAccessToken(phone.storage, original);
    await openApp({ userId: phone.userId, storage: phone.storage }).client.profile.fetchMe();
    const rotated = storedSession(phone.storage);
    expect(rotated.refreshToken).not.toBe(original.refreshToken);

    // A stale copy of the first session (restored backup, second device) uses the old token.
    const stale = createMemoryStorage();
    spoilAccessToken(stale, original);
    const copy = openApp({ userId: phone.userId, storage: stale });

    await expect(copy.client.profile.fetchMe()).resolves.toMatchObject({ id: user.id });

    expect(copy.platform.sent.filter((path) => path.startsWith('/api/auth/'))).toEqual([
      '/api/auth/refresh',
      '/api/auth/login',
    ]);
    expect(copy.platform.statuses('/api/auth/refresh')).toEqual([401]);
    expect(copy.platform.count('/sim/login')).toBe(1);
    expect(storedSession(stale).refreshToken).not.toBe(original.refreshToken);
  });
});

describe('profile and logout', () => {
  it('should save the nickname and the uploaded avatar', async () => {
    const phone = openApp();
    await phone.client.start();

    await expect(phone.client.profile.updateNickname('  小程序用户  ')).resolves.toMatchObject({
      nickname: '小程序用户',
    });
    const avatar = join(tmpdir(), `wxlogin-miniapp-avatar-${process.pid}.png`);
    await writeFile(avatar, ONE_PIXEL_PNG);
    const user = await phone.client.profile.uploadAvatar(avatar);

    expect(user.avatarUrl).toMatch(/^http/);
    const image = await fetch(user.avatarUrl ?? '');
    expect(image.status).toBe(200);
    await expect(phone.client.profile.fetchMe()).resolves.toMatchObject({
      nickname: '小程序用户',
      avatarUrl: user.avatarUrl,
    });
  });

  it('should revoke the session on the server and clear storage on logout', async () => {
    const phone = openApp();
    await phone.client.start();
    const { accessToken } = storedSession(phone.storage);

    await phone.client.logout();

    expect(phone.platform.count('/api/auth/logout')).toBe(1);
    expect(phone.storage.get(SESSION_STORAGE_KEY)).toBeUndefined();
    expect(phone.client.session.user).toBeNull();
    const afterLogout = await fetch(`${stack.apiUrl}/api/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(afterLogout.status).toBe(401);
  });
});

describe('launch after WeChat forgot the login state', () => {
  // Last: moving the simulator's clock expires every user's WeChat login state.
  it('should log in again at launch when wx.checkSession fails', async () => {
    const phone = openApp();
    const user = await phone.client.start();
    stack.simulator.sim.clock.advance(3 * 24 * 3600 * 1000 + 1);

    const relaunch = openApp({ userId: phone.userId, storage: phone.storage });
    await expect(relaunch.client.start()).resolves.toMatchObject({ id: user.id });

    expect(relaunch.platform.count('/sim/check-session')).toBe(1);
    expect(relaunch.platform.count('/api/auth/login')).toBe(1);
  });
});
