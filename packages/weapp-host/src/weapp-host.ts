import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, normalize, posix } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describeSyntaxTooNew, findSyntaxBeyondEs2017 } from './es2017';
import { applySetData, textOf, type TreeNode, walkTree } from './page-tree';
import {
  checkDomainEntry,
  checkRequestMethod,
  checkRequestUrl,
  PlatformRuleError,
  SET_DATA_MAX_BYTES,
  STORAGE_KEY_MAX_BYTES,
  STORAGE_TOTAL_MAX_BYTES,
} from './platform-rules';
import { type NodeTemplate, parseBaseTemplates } from './wxml-templates';
import { type SimulatedWechatUser, simulatedWechat } from './wechat-client';

export interface WeappHostOptions {
  /** The built mini-program: the folder with app.js, app.json and pages/. */
  dir: string;
  /** The request-domain list of the app (https origins). */
  requestDomains: string[];
  /** The uploadFile-domain list (https origins). */
  uploadFileDomains: string[];
  /** Where each listed origin really is, e.g. `https://api.wxlogin.test` → `http://127.0.0.1:4000`. */
  resolveOrigin: Record<string, string>;
  /** The WeChat user holding the phone, played by the simulator. */
  wechat: SimulatedWechatUser;
  /** Storage kept from an earlier launch (a relaunch of the same phone). */
  storage?: Map<string, string>;
  /** The base library the phone runs (`SDKVersion`). */
  sdkVersion?: string;
}

/** One request the bundle made through wx.request or wx.uploadFile, and how it ended. */
export interface SentRequest {
  api: 'request' | 'uploadFile';
  method: string;
  url: string;
  status?: number;
  refused?: string;
}

/** What WeChat's phone-number sheet hands back: the user's approval, or a failure. */
export type PhoneSheetOutcome =
  | { kind: 'approve'; use: 'code' | 'encryptedData' }
  | { kind: 'proof'; detail: Record<string, unknown> }
  | { kind: 'fail'; errMsg: string; errno?: number };

type Callbacks = {
  success?: (result: unknown) => void;
  fail?: (error: unknown) => void;
  complete?: (result: unknown) => void;
};
type AnyRecord = Record<string, unknown>;
type Handler = (this: PageInstance, ...args: unknown[]) => unknown;

interface PageInstance extends AnyRecord {
  route: string;
  options: Record<string, string>;
  data: AnyRecord;
  setData(payload: AnyRecord, callback?: () => void): void;
}

interface ModuleRecord {
  exports: unknown;
}

const STORAGE_SIZE_LIMIT_KB = STORAGE_TOTAL_MAX_BYTES / 1024;
const BUBBLING_EVENTS = new Set([
  'tap',
  'longpress',
  'longtap',
  'touchstart',
  'touchmove',
  'touchend',
  'touchcancel',
]);

function errorMessage(error: unknown): string {
  // Errors thrown by the bundle come from its own realm (not `instanceof Error` here).
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  if (typeof error === 'object' && error !== null && 'errMsg' in error) {
    return String(error.errMsg);
  }
  return String(error);
}

/** `value` when it is a string, else `fallback` (bundle arguments are untyped). */
function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** What a failed wx API call rejects with: WeChat's `{ errMsg: 'name:fail …' }`. */
class WxApiFailure extends Error {
  constructor(readonly errMsg: string) {
    super(errMsg);
    this.name = 'WxApiFailure';
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Boots a built mini-program in Node inside a host that provides WeChat's globals and enforces
 * its rules (see the README). One instance is one launch of the app on one phone.
 */
export class WeappHost {
  /** Every request the bundle made, in order. */
  readonly requests: SentRequest[] = [];
  /** Titles of every toast shown, in order. */
  readonly toasts: string[] = [];
  /** Every modal shown (title and content). */
  readonly modals: { title: string; content: string }[] = [];
  /** Uncaught errors and platform-rule refusals: a passing journey leaves this empty. */
  readonly problems: string[] = [];
  readonly storage: Map<string, string>;

  private readonly context: AnyRecord;
  private readonly modules = new Map<string, ModuleRecord>();
  private readonly pageConfigs = new Map<string, AnyRecord>();
  private readonly pages: PageInstance[] = [];
  private readonly templates: Map<string, NodeTemplate>;
  private readonly requestDomains: Set<string>;
  private readonly uploadFileDomains: Set<string>;
  private readonly inputValues = new Map<string, string>();
  private readonly checkboxStates = new Map<string, boolean>();
  private readonly tempFiles = new Map<string, string>();
  private readonly modalAnswers: boolean[] = [];
  private phoneSheet: PhoneSheetOutcome = { kind: 'approve', use: 'code' };
  private registeringRoute: string | null = null;
  private app: AnyRecord | null = null;
  private tempDir: string | null = null;
  private pendingTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WeappHostOptions) {
    this.storage = options.storage ?? new Map<string, string>();
    this.requestDomains = new Set(options.requestDomains.map(checkDomainEntry));
    this.uploadFileDomains = new Set(options.uploadFileDomains.map(checkDomainEntry));
    this.templates = parseBaseTemplates(readFileSync(join(options.dir, 'base.wxml'), 'utf8'));
    this.context = createContext(this.createGlobals());
  }

  /** Runs app.js (App onLaunch/onShow), then opens the first page of app.json. */
  async launch(): Promise<void> {
    this.tempDir = await mkdtemp(join(tmpdir(), 'weapp-host-'));
    const appJson = JSON.parse(readFileSync(join(this.options.dir, 'app.json'), 'utf8')) as {
      pages: string[];
      entryPagePath?: string;
    };
    const entry = appJson.entryPagePath ?? appJson.pages[0];
    if (!entry) throw new Error('app.json lists no pages');
    this.requireModule('app.js');
    if (!this.app) throw new Error('app.js did not call App()');
    const launchOptions = { path: entry, query: {}, scene: 1001, referrerInfo: {} };
    this.callHook(this.app, 'onLaunch', launchOptions);
    this.callHook(this.app, 'onShow', launchOptions);
    this.openPage(`/${entry}`, 'reLaunch');
    await this.settle();
  }

  /** Unloads every page and stops the host's timers; the storage map survives for a relaunch. */
  async close(): Promise<void> {
    while (this.pages.length > 0) this.unloadTopPage();
    this.closed = true;
    for (const timer of this.pendingTimers) clearTimeout(timer);
    if (this.tempDir) await rm(this.tempDir, { recursive: true, force: true });
  }

  /** The route of the page on top of the stack (`pages/me/index`). */
  get currentRoute(): string {
    return this.topPage().route;
  }

  /** The visible text of the current page, node texts joined by newlines. */
  pageText(): string {
    const root = this.root();
    const lines: string[] = [];
    for (const { node } of walkTree(root)) {
      if (typeof node.v === 'string' && node.v.trim()) lines.push(node.v.trim());
    }
    return lines.join('\n');
  }

  /** The answer the next wx.showModal gets (confirm or cancel); the default is cancel. */
  answerNextModal(confirm: boolean): void {
    this.modalAnswers.push(confirm);
  }

  /** What the next phone-number sheet returns when a getPhoneNumber button is tapped. */
  setPhoneSheet(outcome: PhoneSheetOutcome): void {
    this.phoneSheet = outcome;
  }

  /**
   * Taps the element whose text is `text` (the innermost one): `tap` bubbles through every
   * ancestor bound to it, as in WeChat, then the element's open-type or form-type acts.
   */
  async tap(text: string): Promise<void> {
    const { node, ancestors } = this.findByText(text);
    const template = this.templateOf(node);
    const target = this.bubbleTarget(node, ancestors, template);
    if (template.tag === 'button' && this.attribute(target.node, 'disabled') === true) {
      throw new Error(`"${text}" is a disabled button`);
    }
    this.dispatchBubbling('tap', { x: 0, y: 0 }, target.node, target.ancestors);
    await this.settle();
    if (this.templateOf(target.node).tag === 'button') await this.actOnButton(target);
    else this.toggleCheckbox(target.node, target.ancestors);
    await this.settle();
  }

  /** Types `value` into the input whose placeholder is `placeholder` (input, then blur). */
  async type(placeholder: string, value: string): Promise<void> {
    const found = [...walkTree(this.root())].find(
      ({ node }) =>
        this.templateOf(node).tag === 'input' &&
        this.attribute(node, 'placeholder') === placeholder,
    );
    if (!found)
      throw new Error(`no input with placeholder "${placeholder}" on ${this.currentRoute}`);
    this.inputValues.set(this.idOf(found.node), value);
    this.dispatch(found.node, 'input', { value, cursor: value.length, keyCode: 0 });
    this.dispatch(found.node, 'blur', { value });
    await this.settle();
  }

  /** Waits (bounded) until the current page shows `text`; fails with what it shows instead. */
  async waitForText(text: string, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(
      () => this.pages.length > 0 && this.pageText().includes(text),
      () => `"${text}" did not appear on ${this.currentRoute}; it shows:\n${this.pageText()}`,
      timeoutMs,
    );
  }

  /** Waits (bounded) until the page on top is `route`. */
  async waitForRoute(route: string, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(
      () => this.pages.length > 0 && this.currentRoute === route,
      () =>
        `still on ${this.pages.at(-1)?.route ?? 'no page'}, not ${route}; it shows:\n${this.pageText()}`,
      timeoutMs,
    );
  }

  /** Waits (bounded) until a toast titled `title` was shown. */
  async waitForToast(title: string, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(
      () => this.toasts.includes(title),
      () => `no toast "${title}"; toasts so far: ${JSON.stringify(this.toasts)}`,
      timeoutMs,
    );
  }

  // ---- modules ----------------------------------------------------------------------------

  private requireModule(file: string): unknown {
    const path = normalize(file.endsWith('.js') ? file : `${file}.js`);
    const cached = this.modules.get(path);
    if (cached) return cached.exports;
    const absolute = join(this.options.dir, path);
    if (!existsSync(absolute)) throw new Error(`require: ${path} is not in the package`);
    const code = readFileSync(absolute, 'utf8');
    const tooNew = findSyntaxBeyondEs2017(path, code);
    if (tooNew) throw new PlatformRuleError(describeSyntaxTooNew(tooNew));
    const record: ModuleRecord = { exports: {} };
    this.modules.set(path, record);
    const wrapper = runInContext(
      `(function (require, module, exports) {${code}\n})`,
      this.context,
      { filename: absolute },
    ) as (require: (name: string) => unknown, module: ModuleRecord, exports: unknown) => void;
    const localRequire = (name: string) =>
      this.requireModule(posix.join(posix.dirname(path.split('\\').join('/')), name));
    wrapper(localRequire, record, record.exports);
    return record.exports;
  }

  private createGlobals(): AnyRecord {
    const schedule = (fn: () => void, ms: number): NodeJS.Timeout => {
      const timer = setTimeout(() => {
        this.pendingTimers.delete(timer);
        if (!this.closed) this.guard('timer', fn);
      }, ms);
      this.pendingTimers.add(timer);
      return timer;
    };
    return {
      console,
      setTimeout: (fn: () => void, ms = 0) => schedule(fn, ms),
      clearTimeout: (timer: NodeJS.Timeout) => {
        clearTimeout(timer);
        this.pendingTimers.delete(timer);
      },
      setInterval: () => {
        throw new Error('setInterval is not used by this app');
      },
      clearInterval: () => undefined,
      App: (config: AnyRecord) => {
        this.app = config;
      },
      Page: (config: AnyRecord) => {
        if (!this.registeringRoute) throw new Error('Page() called outside a page module');
        this.pageConfigs.set(this.registeringRoute, config);
      },
      Component: () => {
        // Taro's `comp` renders nodes deeper than base.wxml's levels; the page's data already
        // holds the whole tree, so the host needs nothing from it but that it loads.
      },
      Behavior: (config: unknown) => config,
      getApp: () => this.app,
      getCurrentPages: () => [...this.pages],
      wx: this.createWx(),
    };
  }

  // ---- pages ------------------------------------------------------------------------------

  private openPage(url: string, how: 'navigateTo' | 'redirectTo' | 'reLaunch'): void {
    const [rawPath = '', queryString = ''] = url.split('?');
    const route = posix.normalize(rawPath.replace(/^\//, ''));
    const query = Object.fromEntries(new URLSearchParams(queryString));
    const config = this.pageConfig(route);
    if (how === 'reLaunch') while (this.pages.length > 0) this.unloadTopPage();
    else if (how === 'redirectTo') this.unloadTopPage();
    else if (this.pages.length > 0) this.callHook(this.topPage(), 'onHide');
    const page = this.instantiate(route, query, config);
    this.pages.push(page);
    this.callHook(page, 'onLoad', query);
    this.callHook(page, 'onShow');
    this.schedulePageReady(page);
  }

  private schedulePageReady(page: PageInstance): void {
    const timer = setTimeout(() => {
      this.pendingTimers.delete(timer);
      if (this.pages.includes(page)) this.callHook(page, 'onReady');
    }, 0);
    this.pendingTimers.add(timer);
  }

  private pageConfig(route: string): AnyRecord {
    const known = this.pageConfigs.get(route);
    if (known) return known;
    const pageJsonFile = join(this.options.dir, `${route}.json`);
    const pageJson = existsSync(pageJsonFile)
      ? (JSON.parse(readFileSync(pageJsonFile, 'utf8')) as {
          usingComponents?: Record<string, string>;
        })
      : {};
    for (const component of Object.values(pageJson.usingComponents ?? {})) {
      this.requireModule(posix.join(posix.dirname(route), component));
    }
    this.registeringRoute = route;
    try {
      this.requireModule(`${route}.js`);
    } finally {
      this.registeringRoute = null;
    }
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    return config;
  }

  private instantiate(
    route: string,
    query: Record<string, string>,
    config: AnyRecord,
  ): PageInstance {
    const page = {
      route,
      options: query,
      data: JSON.parse(JSON.stringify(config.data ?? {})) as AnyRecord,
    } as PageInstance;
    page.setData = (payload, callback) => this.setData(page, payload, callback);
    for (const [key, value] of Object.entries(config)) {
      if (key !== 'data') page[key] = value;
    }
    return page;
  }

  private setData(page: PageInstance, payload: AnyRecord, callback?: () => void): void {
    const json = JSON.stringify(payload);
    const bytes = Buffer.byteLength(json);
    if (bytes > SET_DATA_MAX_BYTES) {
      this.refuse(`setData of ${bytes} bytes on ${page.route} exceeds WeChat's 1 MB limit`);
    }
    // The view thread receives a serialised copy, never the logic thread's objects.
    applySetData(page.data, JSON.parse(json) as AnyRecord);
    if (callback) {
      const timer = setTimeout(() => {
        this.pendingTimers.delete(timer);
        this.guard(`setData callback on ${page.route}`, callback);
      }, 0);
      this.pendingTimers.add(timer);
    }
  }

  private unloadTopPage(): void {
    const page = this.pages.pop();
    if (page) this.callHook(page, 'onUnload');
  }

  private topPage(): PageInstance {
    const page = this.pages.at(-1);
    if (!page) throw new Error('no page is open');
    return page;
  }

  private callHook(target: AnyRecord, name: string, ...args: unknown[]): void {
    const hook = target[name];
    if (typeof hook === 'function') {
      this.guard(name, () => (hook as Handler).apply(target as PageInstance, args));
    }
  }

  /** Runs bundle code; what it throws is a problem of the app, recorded (and re-thrown by tests). */
  private guard(where: string, run: () => unknown): void {
    try {
      const result = run();
      // The bundle's promises come from its own realm: `instanceof` cannot recognise them.
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) =>
          this.problems.push(`${where}: ${errorMessage(error)}`),
        );
      }
    } catch (error) {
      this.problems.push(`${where}: ${errorMessage(error)}`);
    }
  }

  // ---- the view: nodes and events ---------------------------------------------------------

  private root(): TreeNode {
    const root = this.topPage().data.root as TreeNode | undefined;
    if (!root) throw new Error(`${this.currentRoute} has rendered nothing`);
    return root;
  }

  private templateOf(node: TreeNode): NodeTemplate {
    // The page root holds the tree but renders nothing itself.
    if (node.nn === undefined) return PAGE_ROOT;
    const template = this.templates.get(String(node.nn));
    if (!template) throw new Error(`base.wxml has no template for node kind ${String(node.nn)}`);
    return template;
  }

  private attribute(node: TreeNode, name: string): unknown {
    const key = this.templateOf(node).attributes.get(name);
    return key === undefined ? undefined : node[key];
  }

  private idOf(node: TreeNode): string {
    return String(node.uid ?? node.sid);
  }

  private findByText(text: string): { node: TreeNode; ancestors: TreeNode[] } {
    const matches = [...walkTree(this.root())].filter(
      ({ node }) => node.v === undefined && textOf(node).trim() === text,
    );
    // The innermost element showing exactly this text.
    const found = matches.at(-1);
    if (!found) {
      throw new Error(
        `nothing shows "${text}" on ${this.currentRoute}; it shows:\n${this.pageText()}`,
      );
    }
    return found;
  }

  /** A text's nearest button is what a finger on that text taps. */
  private bubbleTarget(node: TreeNode, ancestors: TreeNode[], template: NodeTemplate) {
    if (template.tag === 'button') return { node, ancestors };
    const index = ancestors.findIndex((ancestor) => this.templateOf(ancestor).tag === 'button');
    if (index === -1) return { node, ancestors };
    return { node: ancestors[index] as TreeNode, ancestors: ancestors.slice(index + 1) };
  }

  private eventFor(type: string, detail: unknown, target: TreeNode, current: TreeNode): AnyRecord {
    const targetRef = { id: this.idOf(target), dataset: { sid: target.sid } };
    return {
      type,
      timeStamp: Date.now(),
      detail,
      target: targetRef,
      currentTarget: { id: this.idOf(current), dataset: { sid: current.sid } },
      touches: [],
      changedTouches: [],
      mark: {},
    };
  }

  private dispatchBubbling(type: string, detail: unknown, target: TreeNode, ancestors: TreeNode[]) {
    for (const current of [target, ...ancestors]) {
      const binding = this.templateOf(current).events.get(type);
      if (binding) this.callEventHandler(this.eventFor(type, detail, target, current));
      if (binding === 'catch' || !BUBBLING_EVENTS.has(type)) return;
    }
  }

  /** A component event (input, submit, getphonenumber…): fired on the element itself only. */
  private dispatch(node: TreeNode, type: string, detail: unknown): void {
    if (!this.templateOf(node).events.has(type)) {
      throw new Error(`a ${this.templateOf(node).tag} does not bind ${type}`);
    }
    this.callEventHandler(this.eventFor(type, detail, node, node));
  }

  private callEventHandler(event: AnyRecord): void {
    this.callHook(this.topPage(), 'eh', event);
  }

  private async actOnButton({ node, ancestors }: { node: TreeNode; ancestors: TreeNode[] }) {
    const openType = this.attribute(node, 'open-type');
    const formType = this.attribute(node, 'form-type');
    if (typeof openType === 'string' && openType.split('|').includes('getPhoneNumber')) {
      if (openType.includes('agreePrivacyAuthorization')) {
        this.dispatch(node, 'agreeprivacyauthorization', {
          errMsg: 'agreePrivacyAuthorization:ok',
        });
      }
      this.dispatch(node, 'getphonenumber', await this.phoneSheetDetail());
    } else if (openType === 'chooseAvatar') {
      this.dispatch(node, 'chooseavatar', { avatarUrl: await this.createTempImage() });
    } else if (formType === 'submit') {
      const form = ancestors.find((ancestor) => this.templateOf(ancestor).tag === 'form');
      if (!form) throw new Error('a submit button outside a form');
      this.dispatch(form, 'submit', { value: this.formValues(form) });
    }
  }

  /** A tap on a checkbox, or anywhere in a label holding one, toggles it (WeChat's native UI). */
  private toggleCheckbox(node: TreeNode, ancestors: TreeNode[]): void {
    const label = [node, ...ancestors].find((each) => this.templateOf(each).tag === 'label');
    const checkbox =
      this.templateOf(node).tag === 'checkbox'
        ? { node, ancestors }
        : label &&
          [...walkTree(label)].find((each) => this.templateOf(each.node).tag === 'checkbox');
    if (!checkbox) return;
    const id = this.idOf(checkbox.node);
    const checked =
      this.checkboxStates.get(id) ?? this.attribute(checkbox.node, 'checked') === true;
    this.checkboxStates.set(id, !checked);
    const trail = label && checkbox.node !== node ? [...checkbox.ancestors] : ancestors;
    const group = [...trail, ...ancestors].find(
      (each) => this.templateOf(each).tag === 'checkbox-group',
    );
    if (!group) return;
    const value = [...walkTree(group)]
      .filter(({ node: each }) => this.templateOf(each).tag === 'checkbox')
      .filter(({ node: each }) => {
        const state = this.checkboxStates.get(this.idOf(each));
        return state ?? this.attribute(each, 'checked') === true;
      })
      .map(({ node: each }) => text(this.attribute(each, 'value')));
    this.dispatch(group, 'change', { value });
  }

  private async phoneSheetDetail(): Promise<AnyRecord> {
    const outcome = this.phoneSheet;
    if (outcome.kind === 'proof') return outcome.detail;
    if (outcome.kind === 'fail') {
      return outcome.errno === undefined
        ? { errMsg: outcome.errMsg }
        : { errMsg: outcome.errMsg, errno: outcome.errno };
    }
    const proof = await simulatedWechat.phone(this.options.wechat);
    return outcome.use === 'code'
      ? { errMsg: 'getPhoneNumber:ok', code: proof.code }
      : { errMsg: 'getPhoneNumber:ok', encryptedData: proof.encryptedData, iv: proof.iv };
  }

  private formValues(form: TreeNode): Record<string, string> {
    const values: Record<string, string> = {};
    for (const { node } of walkTree(form)) {
      if (this.templateOf(node).tag !== 'input') continue;
      const name = this.attribute(node, 'name');
      if (typeof name !== 'string' || !name) continue;
      const typed = this.inputValues.get(this.idOf(node));
      const shown = this.attribute(node, 'value');
      values[name] = typed ?? (typeof shown === 'string' ? shown : '');
    }
    return values;
  }

  /** A small PNG in the host's temp folder, as chooseAvatar hands one over (`wxfile://…`). */
  private async createTempImage(): Promise<string> {
    if (!this.tempDir) throw new Error('the host is not launched');
    const name = `tmp_${randomUUID()}.png`;
    const file = join(this.tempDir, name);
    await writeFile(file, PNG_1X1);
    const path = `wxfile://${name}`;
    this.tempFiles.set(path, file);
    return path;
  }

  // ---- waiting ----------------------------------------------------------------------------

  /** Lets pending promises, timers and HTTP answers run (a short quiet period). */
  async settle(): Promise<void> {
    for (let round = 0; round < 5; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.throwProblems();
  }

  private async waitFor(done: () => boolean, describe: () => string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      this.throwProblems();
      if (Date.now() > deadline) throw new Error(describe());
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  private throwProblems(): void {
    if (this.problems.length > 0) {
      throw new Error(`the mini-program failed:\n${this.problems.join('\n')}`);
    }
  }

  private refuse(message: string): never {
    this.problems.push(message);
    throw new PlatformRuleError(message);
  }

  // ---- wx ---------------------------------------------------------------------------------

  private createWx(): AnyRecord {
    const wechat = this.options.wechat;
    const sdkVersion = this.options.sdkVersion ?? '3.7.0';
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
            this.guard(`${name} success`, () => args.success?.(result));
            this.guard(`${name} complete`, () => args.complete?.(result));
          },
          (error: unknown) => {
            this.guard(`${name} fail`, () => args.fail?.(error));
            this.guard(`${name} complete`, () => args.complete?.(error));
          },
        );
        if (args.success || args.fail || args.complete) settled.catch(() => undefined);
        return settled;
      };
    const navigation = (how: 'navigateTo' | 'redirectTo' | 'reLaunch') =>
      callbackApi(how, (args) => {
        this.openPage(String(args.url), how);
        return Promise.resolve({});
      });
    const storageUsedBytes = () =>
      [...this.storage].reduce((sum, [key, value]) => sum + Buffer.byteLength(key + value), 0);

    return {
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
      request: callbackApi('request', async (args) => {
        const sent: SentRequest = {
          api: 'request',
          method: text(args.method, 'GET'),
          url: text(args.url),
        };
        this.requests.push(sent);
        try {
          sent.method = checkRequestMethod(args.method);
          const { origin } = checkRequestUrl('request', sent.url, this.requestDomains);
          const target = this.resolve(origin, sent.url);
          const headers = { ...(args.header as Record<string, string> | undefined) };
          const hasBody = args.data !== undefined && sent.method !== 'GET';
          if (hasBody && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
            headers['content-type'] = 'application/json';
          }
          const response = await fetch(target, {
            method: sent.method,
            headers,
            body: hasBody ? JSON.stringify(args.data) : undefined,
          });
          sent.status = response.status;
          const text = await response.text();
          let data: unknown = text;
          if (args.dataType !== 'text' && text) {
            try {
              data = JSON.parse(text) as unknown;
            } catch {
              data = text;
            }
          }
          return {
            statusCode: response.status,
            data,
            header: Object.fromEntries(response.headers),
          };
        } catch (error) {
          sent.refused = errorMessage(error);
          if (error instanceof PlatformRuleError) this.problems.push(error.message);
          throw error;
        }
      }),
      uploadFile: callbackApi('uploadFile', async (args) => {
        const sent: SentRequest = { api: 'uploadFile', method: 'POST', url: text(args.url) };
        this.requests.push(sent);
        try {
          const { origin } = checkRequestUrl('uploadFile', sent.url, this.uploadFileDomains);
          const file = this.tempFiles.get(String(args.filePath));
          if (!file)
            throw new PlatformRuleError(`uploadFile:fail file not found: ${String(args.filePath)}`);
          const form = new FormData();
          form.append(
            String(args.name),
            new Blob([await readFile(file)], { type: 'image/png' }),
            basename(file),
          );
          const response = await fetch(this.resolve(origin, sent.url), {
            method: 'POST',
            headers: args.header as Record<string, string> | undefined,
            body: form,
          });
          sent.status = response.status;
          return { statusCode: response.status, data: await response.text() };
        } catch (error) {
          sent.refused = errorMessage(error);
          if (error instanceof PlatformRuleError) this.problems.push(error.message);
          throw error;
        }
      }),
      // Storage, under WeChat's limits; values are kept serialised as WeChat does.
      setStorageSync: (key: string, value: unknown) => {
        const serialised = JSON.stringify(value === undefined ? null : value);
        const bytes = Buffer.byteLength(key + serialised);
        if (bytes > STORAGE_KEY_MAX_BYTES) {
          this.refuse(`setStorageSync:fail ${key} holds ${bytes} bytes, over 1 MB`);
        }
        const others =
          storageUsedBytes() -
          (this.storage.has(key) ? Buffer.byteLength(key + (this.storage.get(key) ?? '')) : 0);
        if (others + bytes > STORAGE_TOTAL_MAX_BYTES) {
          this.refuse('setStorageSync:fail exceed storage max size 10MB');
        }
        this.storage.set(key, serialised);
      },
      getStorageSync: (key: string) => {
        const value = this.storage.get(key);
        return value === undefined ? '' : (JSON.parse(value) as unknown);
      },
      removeStorageSync: (key: string) => {
        this.storage.delete(key);
      },
      clearStorageSync: () => {
        this.storage.clear();
      },
      getStorageInfoSync: () => ({
        keys: [...this.storage.keys()],
        currentSize: Math.ceil(storageUsedBytes() / 1024),
        limitSize: STORAGE_SIZE_LIMIT_KB,
      }),
      // Interface.
      showToast: callbackApi('showToast', (args) => {
        this.toasts.push(text(args.title));
        return Promise.resolve({});
      }),
      hideToast: callbackApi('hideToast', () => Promise.resolve({})),
      showLoading: callbackApi('showLoading', () => Promise.resolve({})),
      hideLoading: callbackApi('hideLoading', () => Promise.resolve({})),
      showModal: callbackApi('showModal', (args) => {
        this.modals.push({ title: text(args.title), content: text(args.content) });
        const confirm = this.modalAnswers.shift() ?? false;
        return Promise.resolve({ confirm, cancel: !confirm });
      }),
      // Navigation.
      navigateTo: navigation('navigateTo'),
      redirectTo: navigation('redirectTo'),
      reLaunch: navigation('reLaunch'),
      switchTab: navigation('reLaunch'),
      navigateBack: callbackApi('navigateBack', (args) => {
        const delta = Math.max(1, Number(args.delta ?? 1));
        if (this.pages.length <= 1) throw new Error('cannot navigate back at first page');
        for (let step = 0; step < delta && this.pages.length > 1; step += 1) this.unloadTopPage();
        this.callHook(this.topPage(), 'onShow');
        return Promise.resolve({});
      }),
      // System.
      canIUse: (schema: string) =>
        typeof (this.context.wx as AnyRecord)[schema.split('.')[0] ?? ''] !== 'undefined',
      getSystemInfoSync: () => ({ ...systemInfo }),
      getAppBaseInfo: () => ({ SDKVersion: sdkVersion, language: 'zh_CN', version: '8.0.50' }),
      getWindowInfo: () => ({ ...systemInfo }),
      getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 17.0', pixelRatio: 2 }),
      getLaunchOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
      getEnterOptionsSync: () => ({ path: '', query: {}, scene: 1001, referrerInfo: {} }),
      nextTick: (fn: () => void) => void Promise.resolve().then(() => this.guard('nextTick', fn)),
      env: { USER_DATA_PATH: 'wxfile://usr' },
    };
  }

  private resolve(origin: string, url: string): string {
    const local = this.options.resolveOrigin[origin];
    if (!local) throw new Error(`the host knows no local server for ${origin}`);
    return `${local}${url.slice(origin.length)}`;
  }
}

const PAGE_ROOT: NodeTemplate = { tag: 'page', attributes: new Map(), events: new Map() };

/** A valid 1×1 transparent PNG: what the avatar chooser hands over. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
