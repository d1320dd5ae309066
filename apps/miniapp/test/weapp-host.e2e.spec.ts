import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CATALOGUE } from '@wxlogin/contracts';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { DEFAULT_LOGIN_RETRY, phoneLoginMessage } from '@wxlogin/taro';
import { WeappHost, type WeappHostOptions } from '@wxlogin/weapp-host';
import { runTaroBuild } from './support/taro-build';
import { startTestStack, type TestStack } from './support/test-stack';

// The built weapp — app.js, pages, Taro's runtime — run headless by @wxlogin/weapp-host, which
// enforces WeChat's rules (methods, https domain lists, setData and storage limits, ES2017) and
// plays WeChat's client side through the simulator. The bundle is what `pnpm release:weapp`
// builds for upload, pointed at an https domain that the host maps to the real API.

const API_DOMAIN = 'https://api.wxlogin.test';
const RELEASE_DIR = mkdtempSync(join(tmpdir(), 'wxlogin-weapp-release-'));
const LOGIN = 'pages/login/index';
const ME = 'pages/me/index';
const PROFILE = 'pages/profile/index';
const AGREEMENT = '我已阅读并同意';
const PHONE_BUTTON = '手机号快捷登录';

let stack: TestStack;
let releaseOutput = '';
const hosts: WeappHost[] = [];
let users = 0;

beforeAll(async () => {
  const [build, started] = await Promise.all([
    runTaroBuild('weapp', {
      NODE_ENV: 'production',
      WEAPP_RELEASE: 'true',
      TARO_APP_ID: DEV_APP.appId,
      TARO_APP_API_BASE: API_DOMAIN,
      WEAPP_OUTPUT_ROOT: RELEASE_DIR,
    }),
    startTestStack(),
  ]);
  stack = started;
  releaseOutput = build.output;
  if (build.exitCode !== 0) throw new Error(`pnpm release:weapp failed:\n${build.output}`);
}, 300_000);

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
});

afterAll(async () => {
  await stack?.stop();
  await rm(RELEASE_DIR, { recursive: true, force: true });
});

/** A phone with WeChat user `userId` (fresh by default) opening the released weapp. */
function openPhone(options: { userId?: string; storage?: Map<string, string> } = {}) {
  const userId = options.userId ?? `host-user-${(users += 1)}`;
  const config: WeappHostOptions = {
    dir: RELEASE_DIR,
    requestDomains: [API_DOMAIN],
    uploadFileDomains: [API_DOMAIN],
    resolveOrigin: { [API_DOMAIN]: stack.apiUrl },
    wechat: { simulatorUrl: stack.simulator.url, appId: DEV_APP.appId, userId },
    storage: options.storage,
  };
  const host = new WeappHost(config);
  hosts.push(host);
  return { host, userId };
}

function routes(host: WeappHost): string[] {
  return host.requests.map(({ method, url }) => `${method} ${new URL(url).pathname}`);
}

/** Launches, waits for the silent login, ticks the agreement. */
async function launchToPhoneButton(host: WeappHost) {
  await host.launch();
  await host.waitForText(PHONE_BUTTON);
  await host.tap(AGREEMENT);
}

describe('the release build', () => {
  it('should print the request and uploadFile domains to register', () => {
    expect(releaseOutput).toContain(`request合法域名:    ${API_DOMAIN}`);
    expect(releaseOutput).toContain(`uploadFile合法域名: ${API_DOMAIN}`);
  });
});

describe('the journey on the built weapp', () => {
  it('should log in silently, bind the phone by code, edit the profile, relaunch signed in and log out', async () => {
    const { host, userId } = openPhone();
    stack.simulator.sim.setUser(DEV_APP.appId, userId, { phoneNumber: '13800138000' });

    await launchToPhoneButton(host);
    expect(routes(host)).toEqual(['POST /api/auth/login']);
    await host.tap(PHONE_BUTTON);
    await host.waitForRoute(ME);
    await host.waitForText('138****8000');
    expect(host.toasts).toContain('登录成功');

    await host.tap('编辑资料');
    await host.waitForRoute(PROFILE);
    await host.tap('点击更换头像');
    await host.waitForToast('头像已更新');
    await host.type('请输入昵称', '小明');
    await host.tap('保存');
    await host.waitForToast('已保存');
    await host.waitForRoute(ME);
    await host.waitForText('小明');
    expect(routes(host)).toEqual(
      expect.arrayContaining(['POST /api/auth/phone', 'POST /api/me/avatar', 'PUT /api/me']),
    );
    expect(host.requests.filter(({ api }) => api === 'uploadFile')).toHaveLength(1);
    await host.close();

    // Relaunch on the same phone: the stored session is kept, no new login.
    const again = openPhone({ userId, storage: host.storage });
    await again.host.launch();
    await again.host.waitForRoute(ME);
    await again.host.waitForText('小明');
    expect(routes(again.host)).not.toContain('POST /api/auth/login');

    again.host.answerNextModal(true);
    await again.host.tap('退出登录');
    await again.host.waitForRoute(LOGIN);
    expect(again.host.modals.map(({ title }) => title)).toEqual(['退出登录']);
    await again.host.waitForText(PHONE_BUTTON);
    expect(routes(again.host)).toContain('POST /api/auth/logout');
    expect(again.host.problems).toEqual([]);
  });

  it('should bind the phone with encryptedData and iv (base libraries before 2.21.2)', async () => {
    const { host, userId } = openPhone();
    stack.simulator.sim.setUser(DEV_APP.appId, userId, { phoneNumber: '13912345678' });
    await launchToPhoneButton(host);

    host.setPhoneSheet({ kind: 'approve', use: 'encryptedData' });
    await host.tap(PHONE_BUTTON);

    await host.waitForRoute(ME);
    await host.waitForText('139****5678');
  });
});

describe('failure paths on the built weapp', () => {
  it('should log in again and ask for one more tap when the data was made under a replaced session_key', async () => {
    const { host, userId } = openPhone();
    stack.simulator.sim.setUser(DEV_APP.appId, userId, { phoneNumber: '13700001111' });
    await launchToPhoneButton(host);
    // A wx.login the server never heard of replaces WeChat's login state after the silent login.
    stack.simulator.sim.login(DEV_APP.appId, userId);
    host.setPhoneSheet({ kind: 'approve', use: 'encryptedData' });

    await host.tap(PHONE_BUTTON);
    await host.waitForToast(phoneLoginMessage({ kind: 'retap' }));
    await host.waitForText(PHONE_BUTTON);
    await host.tap(PHONE_BUTTON);

    await host.waitForRoute(ME);
    await host.waitForText('137****1111');
    expect(routes(host).filter((route) => route === 'POST /api/auth/login')).toHaveLength(2);
  });

  it.each([
    [
      'the daily quota is exhausted (errno 1400001)',
      { errMsg: 'getPhoneNumber:fail no quota', errno: 1400001 },
      phoneLoginMessage({ kind: 'quota-exhausted' }),
    ],
    [
      'the user refuses',
      { errMsg: 'getPhoneNumber:fail user deny' },
      phoneLoginMessage({ kind: 'denied' }),
    ],
    [
      'the privacy guide does not declare the API (errno 112, a developer setting)',
      {
        errMsg: 'getPhoneNumber:fail api scope is not declared in the privacy agreement',
        errno: 112,
      },
      phoneLoginMessage({ kind: 'privacy-undeclared' }),
    ],
    [
      'the app may not use the phone button (unverified)',
      { errMsg: 'getPhoneNumber:fail no permission' },
      phoneLoginMessage({ kind: 'no-permission' }),
    ],
  ])('should send nothing and say so when %s', async (_case, failure, message) => {
    const { host } = openPhone();
    await launchToPhoneButton(host);

    host.setPhoneSheet({ kind: 'fail', ...failure });
    await host.tap(PHONE_BUTTON);

    await host.waitForToast(message);
    expect(routes(host)).toEqual(['POST /api/auth/login']);
    expect(host.currentRoute).toBe(LOGIN);
  });

  it('should tell a blocked WeChat account so at launch, with nothing to retry', async () => {
    const { host, userId } = openPhone();
    stack.simulator.sim.faults.setBlocked(DEV_APP.appId, userId, true);

    await host.launch();

    await host.waitForText(ERROR_CATALOGUE.WX_USER_BLOCKED.message);
    expect(host.pageText()).not.toContain('重试');
    expect(host.pageText()).not.toContain(PHONE_BUTTON);
    expect(host.requests.map(({ status }) => status)).toEqual([403]);
  });

  it('should try quietly while WeChat is busy, then say so, then log in on 重试 once it is not', async () => {
    const { host } = openPhone();
    stack.simulator.sim.faults.setBusyRate(1);
    try {
      await host.launch();
      await host.waitForText(ERROR_CATALOGUE.WX_UNAVAILABLE.message);
    } finally {
      stack.simulator.sim.faults.setBusyRate(0);
    }

    await host.tap('重试');

    await host.waitForText(PHONE_BUTTON);
    // Each silent try has a fresh code; only after the last one does the page say WeChat is busy.
    const busyTries = Array<number>(DEFAULT_LOGIN_RETRY.attempts).fill(503);
    expect(host.requests.map(({ status }) => status)).toEqual([...busyTries, 200]);
  });
});
