import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { type H5Server, serveH5 } from './support/h5-server';
import { ONE_PIXEL_PNG } from './support/one-pixel-png';
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
    // A desktop browser: mouse and keyboard only, no touch (Taro's H5 form submits on touchend,
    // which a mouse never sends: the page must work without it).
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    hasTouch: false,
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
 * Saves a screenshot once `anchor` has stopped moving: pages slide in, and a trial click waits
 * for the element to be stable without clicking it.
 */
async function screenshot(page: Page, name: string, anchor: Locator) {
  await anchor.click({ trial: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/**
 * Waits until Taro's H5 toast is on screen with `text`. It goes by fading to opacity 0 and then
 * `display: none`, and its own box is empty (the content is fixed-position), so Playwright's
 * visibility cannot tell: this reads the styles. A toast lasts 2.5 s, hence the short wait.
 */
async function toastShown(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      Array.from(document.querySelectorAll('.taro__toast')).some((toast) => {
        const style = getComputedStyle(toast);
        return (
          (toast.textContent ?? '').includes(wanted) &&
          style.display !== 'none' &&
          style.opacity === '1'
        );
      }),
    text,
    { timeout: 2_000 },
  );
}

/** The title in Taro's H5 navigation bar (the mini-program's own title bar). */
function titleBar(page: Page) {
  return page.locator('#taro-navigation-bar .taro-navigation-bar-title');
}

/** The next answer of the API to a profile update (whatever method it uses) on `/api/me`. */
function profileSaved(page: Page) {
  return page.waitForResponse(
    (response) => response.url().endsWith('/api/me') && response.request().method() !== 'GET',
  );
}

describe('H5 preview against the API and the simulator, with a mouse and a keyboard', () => {
  it('should log in, change the avatar and the nickname (Enter and 保存), go back and log out after confirming', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    let documentLoads = 0;
    page.on('load', () => (documentLoads += 1));

    // Open: the silent login runs, the phone button becomes usable; the title bar says 登录.
    const silentLogin = page.waitForResponse(
      (response) => response.url().endsWith('/api/auth/login') && response.status() === 200,
    );
    await page.goto(`${server.url}/?simUser=${SIMULATED_USER}`);
    await silentLogin;
    const phoneButton = visibleText(page, '手机号快捷登录');
    await phoneButton.waitFor();
    await expect(titleBar(page).textContent()).resolves.toBe('登录');
    await screenshot(page, '01-login', phoneButton);

    // Agreement, then the phone button (the H5 platform plays the tap through the simulator).
    await page.locator('.agreement-checkbox').filter({ visible: true }).click();
    const bound = page.waitForResponse((response) => response.url().endsWith('/api/auth/phone'));
    const meShown = page.waitForResponse(
      (response) => response.url().endsWith('/api/me') && response.request().method() === 'GET',
    );
    await phoneButton.click();
    expect((await bound).status()).toBe(200);
    await visibleText(page, '138****8000').waitFor();
    // The greeting is still there once 我的 has loaded the user: the relaunch did not wipe it
    // (before, it flashed during the relaunch and was gone by then).
    await meShown;
    await visibleText(page, '编辑资料').click({ trial: true });
    await toastShown(page, '登录成功');
    await expect(titleBar(page).textContent()).resolves.toBe('我的');
    await screenshot(page, '02-me', visibleText(page, '编辑资料'));

    // 资料 has a title and a back button.
    await visibleText(page, '编辑资料').click();
    await page.waitForFunction(
      () => document.querySelector('.taro-navigation-bar-title')?.textContent === '资料',
    );
    const back = page.locator('#taro-navigation-bar .taro-navigation-bar-back');
    await back.waitFor({ state: 'visible' });

    // Avatar: a click opens a file chooser; the file is uploaded and becomes the avatar.
    const chooser = page.waitForEvent('filechooser');
    await visibleText(page, '点击更换头像').waitFor();
    await page.locator('.profile-avatar-button').filter({ visible: true }).click();
    const uploaded = page.waitForResponse((response) => response.url().endsWith('/api/me/avatar'));
    await (
      await chooser
    ).setFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
    const { avatarUrl } = (await (await uploaded).json()) as { avatarUrl: string };
    expect(avatarUrl).toContain('/api/avatars/');
    await toastShown(page, '头像已更新');
    // Both 资料 and 我的 (hidden below it) show the new avatar.
    await page
      .locator(`taro-image-core.avatar[src="${avatarUrl}"]`)
      .filter({ visible: true })
      .waitFor();

    // Nickname, saved with Enter: no reload, the input is kept and sent.
    const nicknameInput = page.locator('.profile-field-input input').filter({ visible: true });
    await nicknameInput.fill('回车保存');
    await screenshot(page, '03-profile', visibleText(page, '保存'));
    let saved = profileSaved(page);
    await nicknameInput.press('Enter');
    expect((await saved).status()).toBe(200);
    await visibleText(page, '回车保存').waitFor();
    await expect(titleBar(page).textContent()).resolves.toBe('我的');

    // Nickname, saved with a mouse click on 保存.
    await visibleText(page, '编辑资料').click();
    await nicknameInput.fill('鼠标保存');
    saved = profileSaved(page);
    const reloaded = page.waitForResponse(
      (response) => response.url().endsWith('/api/me') && response.request().method() === 'GET',
    );
    await visibleText(page, '保存').click();
    expect((await saved).status()).toBe(200);
    expect(await (await reloaded).json()).toMatchObject({ nickname: '鼠标保存', avatarUrl });
    await visibleText(page, '鼠标保存').waitFor();

    // The back button leaves 资料 without saving.
    await visibleText(page, '编辑资料').click();
    await back.waitFor({ state: 'visible' });
    await back.click();
    await page.waitForFunction(
      () => document.querySelector('.taro-navigation-bar-title')?.textContent === '我的',
    );
    await screenshot(page, '04-me-saved', visibleText(page, '退出登录'));

    // Logout asks first: 取消 keeps the session, 退出 ends it.
    const logoutRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/logout')) logoutRequests.push(request.url());
    });
    await visibleText(page, '退出登录').click();
    await visibleText(page, '退出后需要重新登录，确定退出吗？').waitFor();
    await screenshot(page, '05-logout-confirm', visibleText(page, '取消'));
    await visibleText(page, '取消').click();
    await visibleText(page, '退出后需要重新登录，确定退出吗？').waitFor({ state: 'hidden' });
    expect(logoutRequests).toEqual([]);
    expect(page.url()).toContain('/pages/me/index');

    const loggedOut = page.waitForResponse((response) =>
      response.url().endsWith('/api/auth/logout'),
    );
    await visibleText(page, '退出登录').click();
    await visibleText(page, '退出').click();
    expect((await loggedOut).status()).toBe(204);
    await visibleText(page, '手机号快捷登录').waitFor();
    expect(page.url()).toContain('/pages/login/index');
    await screenshot(page, '06-logged-out', visibleText(page, '手机号快捷登录'));

    expect(documentLoads).toBe(1);
    expect(problems).toEqual([]);
  });
});
