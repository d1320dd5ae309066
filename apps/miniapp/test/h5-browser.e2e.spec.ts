import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type H5Server, serveH5 } from './support/h5-server';
import { startTestStack, type TestStack } from './support/test-stack';

// The H5 build in Chromium against the real API and the simulator, served the way a deployment
// would serve it (same-origin /api and /sim). Screenshots land in test-artifacts/.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DIST_H5 = join(__dirname, '..', 'dist-h5');
const ARTIFACTS = join(__dirname, '..', 'test-artifacts');
const SIMULATED_USER = `browser-${process.pid}`;
const PHONE_NUMBER = '13800138000';
const STEP_TIMEOUT_MS = 30_000;

let stack: TestStack;
let server: H5Server;
let context: BrowserContext;
let profileDir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium fonts-wqy-microhei) or set CHROMIUM_PATH`,
    );
  }
  if (!existsSync(join(DIST_H5, 'index.html'))) {
    throw new Error(`${DIST_H5} is missing: run \`pnpm --filter @wxlogin/miniapp build:h5\` first`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startTestStack();
  stack.simulator.sim.setUser(DEV_APP.appId, SIMULATED_USER, { phoneNumber: PHONE_NUMBER });
  server = await serveH5({
    root: DIST_H5,
    apiUrl: stack.apiUrl,
    simulatorUrl: stack.simulator.url,
  });
  profileDir = mkdtempSync(join(tmpdir(), 'wxlogin-miniapp-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // A phone: Taro's H5 form submit fires on touchend, so taps must be touches.
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await stack?.stop();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

/** The visible element with exactly `text`: pages earlier in the stack stay in the DOM, hidden. */
function visibleText(page: Page, text: string) {
  return page.getByText(text, { exact: true }).filter({ visible: true });
}

/**
 * Saves a screenshot once `anchor` has stopped moving: pages slide in, and a trial tap waits for
 * the element to be stable without tapping it.
 */
async function screenshot(page: Page, name: string, anchor: Locator) {
  await anchor.tap({ trial: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

describe('H5 preview against the API and the simulator', () => {
  it('should log in with the phone button, save a nickname and log out', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // Open: the silent login runs, the phone button becomes usable.
    const silentLogin = page.waitForResponse(
      (response) => response.url().endsWith('/api/auth/login') && response.status() === 200,
    );
    await page.goto(`${server.url}/?simUser=${SIMULATED_USER}`);
    await silentLogin;
    const phoneButton = visibleText(page, '手机号快捷登录');
    await phoneButton.waitFor();
    await screenshot(page, '01-login', phoneButton);

    // Agreement, then the phone button (the H5 platform plays the tap through the simulator).
    await page.locator('.agreement-checkbox').filter({ visible: true }).tap();
    const bound = page.waitForResponse((response) => response.url().endsWith('/api/auth/phone'));
    await phoneButton.tap();
    expect((await bound).status()).toBe(200);
    await visibleText(page, '138****8000').waitFor();
    await screenshot(page, '02-me', visibleText(page, '编辑资料'));

    // Nickname through the form submit; the me page reloads the user from GET /api/me.
    await visibleText(page, '编辑资料').tap();
    const nicknameInput = page.locator('.profile-field-input input').filter({ visible: true });
    await nicknameInput.fill('浏览器测试');
    await screenshot(page, '03-profile', visibleText(page, '保存'));
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/me') && response.request().method() === 'PUT',
    );
    const reloaded = page.waitForResponse(
      (response) => response.url().endsWith('/api/me') && response.request().method() === 'GET',
    );
    await visibleText(page, '保存').tap();
    expect((await saved).status()).toBe(200);
    expect(await (await reloaded).json()).toMatchObject({ nickname: '浏览器测试' });
    await visibleText(page, '浏览器测试').waitFor();
    await screenshot(page, '04-me-saved', visibleText(page, '退出登录'));

    // Logout: the server revokes the session and the app returns to the login page.
    const loggedOut = page.waitForResponse((response) =>
      response.url().endsWith('/api/auth/logout'),
    );
    await visibleText(page, '退出登录').tap();
    expect((await loggedOut).status()).toBe(204);
    await visibleText(page, '手机号快捷登录').waitFor();
    expect(page.url()).toContain('/pages/login/index');
    await screenshot(page, '05-logged-out', visibleText(page, '手机号快捷登录'));

    expect(problems).toEqual([]);
  });
});
