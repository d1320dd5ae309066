import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BundleRuntime } from './bundle-runtime';
import { HostTimers } from './host-timers';
import { NativeComponents, type PhoneSheetOutcome } from './native-components';
import { PageStack } from './page-stack';
import { PageView } from './page-view';
import { ProblemLog } from './problem-log';
import { TempFiles } from './temp-files';
import { type SimulatedWechatUser } from './wechat-client';
import { parseBaseTemplates } from './wxml-templates';
import { createWx } from './wx-api';
import { type SentRequest, WxNetwork } from './wx-network';

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
  readonly problems: string[];
  readonly storage: Map<string, string>;

  private readonly problemLog = new ProblemLog();
  private readonly timers = new HostTimers();
  private readonly tempFiles = new TempFiles();
  private readonly modalAnswers: boolean[] = [];
  private readonly pages: PageStack;
  private readonly runtime: BundleRuntime;
  private readonly view: PageView;
  private readonly nativeComponents: NativeComponents;

  constructor(private readonly options: WeappHostOptions) {
    this.problems = this.problemLog.messages;
    this.storage = options.storage ?? new Map<string, string>();
    const network = new WxNetwork({
      requestDomains: options.requestDomains,
      uploadFileDomains: options.uploadFileDomains,
      resolveOrigin: options.resolveOrigin,
      requests: this.requests,
      tempFiles: this.tempFiles,
      problems: this.problemLog,
    });
    const templates = parseBaseTemplates(readFileSync(join(options.dir, 'base.wxml'), 'utf8'));
    // Pages load their modules through the runtime, whose `wx` navigates the pages.
    this.pages = new PageStack(
      (route) => this.runtime.loadPageConfig(route),
      this.problemLog,
      this.timers,
    );
    this.runtime = new BundleRuntime({
      dir: options.dir,
      wx: createWx({
        wechat: options.wechat,
        sdkVersion: options.sdkVersion,
        network,
        storage: this.storage,
        pages: this.pages,
        toasts: this.toasts,
        modals: this.modals,
        modalAnswers: this.modalAnswers,
        problems: this.problemLog,
      }),
      currentPages: () => this.pages.list(),
      problems: this.problemLog,
      timers: this.timers,
    });
    this.view = new PageView(templates, this.pages, this.problemLog);
    this.nativeComponents = new NativeComponents(this.view, this.tempFiles, options.wechat);
  }

  /** Runs app.js (App onLaunch/onShow), then opens the first page of app.json. */
  async launch(): Promise<void> {
    await this.tempFiles.create();
    const appJson = JSON.parse(readFileSync(join(this.options.dir, 'app.json'), 'utf8')) as {
      pages: string[];
      entryPagePath?: string;
    };
    const entry = appJson.entryPagePath ?? appJson.pages[0];
    if (!entry) throw new Error('app.json lists no pages');
    const app = this.runtime.runApp();
    const launchOptions = { path: entry, query: {}, scene: 1001, referrerInfo: {} };
    this.problemLog.callHook(app, 'onLaunch', launchOptions);
    this.problemLog.callHook(app, 'onShow', launchOptions);
    this.pages.open(`/${entry}`, 'reLaunch');
    await this.settle();
  }

  /** Unloads every page and stops the host's timers; the storage map survives for a relaunch. */
  async close(): Promise<void> {
    this.pages.unloadAll();
    this.timers.stopAll();
    await this.tempFiles.remove();
  }

  /** The route of the page on top of the stack (`pages/me/index`). */
  get currentRoute(): string {
    return this.pages.top().route;
  }

  /** The visible text of the current page, node texts joined by newlines. */
  pageText(): string {
    return this.view.text();
  }

  /** The answer the next wx.showModal gets (confirm or cancel); the default is cancel. */
  answerNextModal(confirm: boolean): void {
    this.modalAnswers.push(confirm);
  }

  /** What the next phone-number sheet returns when a getPhoneNumber button is tapped. */
  setPhoneSheet(outcome: PhoneSheetOutcome): void {
    this.nativeComponents.setPhoneSheet(outcome);
  }

  /**
   * Taps the element whose text is `text` (the innermost one): `tap` bubbles through every
   * ancestor bound to it, as in WeChat, then the element's open-type or form-type acts.
   */
  async tap(text: string): Promise<void> {
    const found = this.view.findByText(text);
    const target = this.view.tapTarget(found);
    if (
      this.view.templateOf(found.node).tag === 'button' &&
      this.view.attribute(target.node, 'disabled') === true
    ) {
      throw new Error(`"${text}" is a disabled button`);
    }
    this.view.dispatchBubbling('tap', { x: 0, y: 0 }, target);
    await this.settle();
    if (this.view.templateOf(target.node).tag === 'button') {
      await this.nativeComponents.actOnButton(target);
    } else {
      this.nativeComponents.toggleCheckbox(target);
    }
    await this.settle();
  }

  /** Types `value` into the input whose placeholder is `placeholder` (input, then blur). */
  async type(placeholder: string, value: string): Promise<void> {
    this.nativeComponents.type(this.view.findInput(placeholder), value);
    await this.settle();
  }

  /** Waits (bounded) until the current page shows `text`; fails with what it shows instead. */
  async waitForText(text: string, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(
      () => this.pages.list().length > 0 && this.pageText().includes(text),
      () => `"${text}" did not appear on ${this.currentRoute}; it shows:\n${this.pageText()}`,
      timeoutMs,
    );
  }

  /** Waits (bounded) until the page on top is `route`. */
  async waitForRoute(route: string, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(
      () => this.pages.list().length > 0 && this.currentRoute === route,
      () =>
        `still on ${this.pages.list().at(-1)?.route ?? 'no page'}, not ${route}; it shows:\n${this.pageText()}`,
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

  /** Lets pending promises, timers and HTTP answers run (a short quiet period). */
  async settle(): Promise<void> {
    for (let round = 0; round < 5; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.problemLog.throwIfAny();
  }

  private async waitFor(done: () => boolean, describe: () => string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      this.problemLog.throwIfAny();
      if (Date.now() > deadline) throw new Error(describe());
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
