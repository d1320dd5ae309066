import { type AnyRecord, asString, errorMessage } from './bundle-values';
import { type OpenPageMethod, type PageStack } from './page-stack';
import { PlatformRuleError } from './platform-rules';
import { type ProblemLog } from './problem-log';
import { type SimulatedWechatUser, simulatedWechat } from './wechat-client';
import { type WxNetwork } from './wx-network';
import { createStorageApis } from './wx-storage';

type Callbacks = {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
};

/** What a failed wx API call rejects with: WeChat's `{ errMsg: 'name:fail …' }`. */
class WxApiFailure extends Error {
  constructor(readonly errMsg: string) {
    super(errMsg);
    this.name = 'WxApiFailure';
  }
}

export interface WxOptions {
  /** The WeChat user holding the phone, played by the simulator. */
  wechat: SimulatedWechatUser;
  /** The base library the phone runs (`SDKVersion`); 3.7.0 when not given. */
  sdkVersion?: string;
  network: WxNetwork;
  storage: Map<string, string>;
  pages: PageStack;
  /** Where shown toasts (titles) and modals are recorded. */
  toasts: string[];
  modals: { title: string; content: string }[];
  /** The answers the next modals get (confirm or cancel); cancel once they run out. */
  modalAnswers: boolean[];
  problems: ProblemLog;
}

/** The `wx` global: the APIs the app calls, each acting as WeChat's does. */
export function createWx({
  wechat,
  sdkVersion = '3.7.0',
  network,
  storage,
  pages,
  toasts,
  modals,
  modalAnswers,
  problems,
}: WxOptions): AnyRecord {
  const systemInfo = {
    SDKVersion: sdkVersion,
    platform: 'devtools',
    version: '8.0.50',
    language: 'zh_CN',
    windowWidth: 375,
    windowHeight: 667,
    screenWidth: 375,
    screenHeight: 667,
    pixelRatio: 2,
    statusBarHeight: 20,
    safeArea: { top: 20, bottom: 667, left: 0, right: 375, width: 375, height: 647 },
  };
  /** A callback-style API that also returns a promise, as base libraries ≥ 2.10.2 do. */
  const callbackApi =
    (name: string, run: (args: AnyRecord) => Promise<AnyRecord>) =>
    (args: AnyRecord & Callbacks = {}): Promise<AnyRecord> => {
      const settled = run(args).then(
        (result) => ({ errMsg: `${name}:ok`, ...result }),
        (error: unknown) => {
          throw new WxApiFailure(
            error instanceof PlatformRuleError
              ? error.message
              : `${name}:fail ${errorMessage(error)}`,
          );
        },
      );
      settled.then(
        (result) => {
          problems.guard(`${name} success`, () => args.success?.(result));
          problems.guard(`${name} complete`, () => args.complete?.(result));
        },
        (error: unknown) => {
          problems.guard(`${name} fail`, () => args.fail?.(error));
          problems.guard(`${name} complete`, () => args.complete?.(error));
        },
      );
      if (args.success || args.fail || args.complete) settled.catch(() => undefined);
      return settled;
    };
  const navigation = (how: OpenPageMethod) =>
    callbackApi(how, (args) => {
      pages.open(String(args.url), how);
      return Promise.resolve({});
    });

  const wx: AnyRecord = {
    // Open abilities, played by the simulator.
    login: callbackApi('login', () => simulatedWechat.login(wechat)),
    checkSession: callbackApi('checkSession', async () => {
      const { valid } = await simulatedWechat.checkSession(wechat);
      if (!valid) throw new Error('session expired');
      return {};
    }),
    getPrivacySetting: callbackApi('getPrivacySetting', () =>
      Promise.resolve({
        needAuthorization: false,
        privacyContractName: '《wxlogin隐私保护指引》',
      }),
    ),
    onNeedPrivacyAuthorization: () => undefined,
    requirePrivacyAuthorize: callbackApi('requirePrivacyAuthorize', () => Promise.resolve({})),
    openPrivacyContract: callbackApi('openPrivacyContract', () => Promise.resolve({})),
    // Network, under the domain lists and the method list.
    request: callbackApi('request', (args) => network.request(args)),
    uploadFile: callbackApi('uploadFile', (args) => network.uploadFile(args)),
    // Storage, under WeChat's limits.
    ...createStorageApis(storage, problems),
    // Interface.
    showToast: callbackApi('showToast', (args) => {
      toasts.push(asString(args.title));
      return Promise.resolve({});
    }),
    hideToast: callbackApi('hideToast', () => Promise.resolve({})),
    showLoading: callbackApi('showLoading', () => Promise.resolve({})),
    hideLoading: callbackApi('hideLoading', () => Promise.resolve({})),
    showModal: callbackApi('showModal', (args) => {
      modals.push({ title: asString(args.title), content: asString(args.content) });
      const confirm = modalAnswers.shift() ?? false;
      return Promise.resolve({ confirm, cancel: !confirm });
    }),
    // Navigation.
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    reLaunch: navigation('reLaunch'),
    switchTab: navigation('reLaunch'),
    navigateBack: callbackApi('navigateBack', (args) => {
      pages.back(Math.max(1, Number(args.delta ?? 1)));
      return Promise.resolve({});
    }),
    // System.
    canIUse: (schema: string) => typeof wx[schema.split('.')[0] ?? ''] !== 'undefined',
    getSystemInfoSync: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ SDKVersion: sdkVersion, language: 'zh_CN', version: '8.0.50' }),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 17.0', pixelRatio: 2 }),
    getLaunchOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
    nextTick: (fn: () => void) => void Promise.resolve().then(() => problems.guard('nextTick', fn)),
    env: { USER_DATA_PATH: 'wxfile://usr' },
  };
  return wx;
}
