import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, posix } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { type AnyRecord } from './bundle-values';
import { describeSyntaxTooNew, findSyntaxBeyondEs2017 } from './es2017';
import { type HostTimers } from './host-timers';
import { PlatformRuleError } from './platform-rules';
import { type ProblemLog } from './problem-log';

interface ModuleRecord {
  exports: unknown;
}

export interface BundleRuntimeOptions {
  /** The built mini-program's folder. */
  dir: string;
  /** The `wx` global. */
  wx: AnyRecord;
  /** What `getCurrentPages()` returns. */
  currentPages: () => unknown[];
  problems: ProblemLog;
  timers: HostTimers;
}

/**
 * The bundle's realm: a `node:vm` context with WeChat's globals and no Node ones, loading the
 * package's files as WeChat does (each file ES2017, `require` within the package only), and
 * keeping what the files register with `App()` and `Page()`.
 */
export class BundleRuntime {
  private readonly context: AnyRecord;
  private readonly modules = new Map<string, ModuleRecord>();
  private readonly pageConfigs = new Map<string, AnyRecord>();
  private registeringRoute: string | null = null;
  private app: AnyRecord | null = null;

  constructor(private readonly options: BundleRuntimeOptions) {
    this.context = createContext(this.createGlobals());
  }

  /** Runs app.js; the configuration it gave `App()`. */
  runApp(): AnyRecord {
    this.requireModule('app.js');
    if (!this.app) throw new Error('app.js did not call App()');
    return this.app;
  }

  /** Runs a page's module (and the components its json uses); the configuration it gave `Page()`. */
  loadPageConfig(route: string): AnyRecord {
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
    const { timers, problems } = this.options;
    return {
      console,
      setTimeout: (fn: () => void, ms = 0) =>
        timers.schedule(() => {
          if (!timers.stopped) problems.guard('timer', fn);
        }, ms),
      clearTimeout: (timer: NodeJS.Timeout) => timers.clear(timer),
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
      getCurrentPages: () => this.options.currentPages(),
      wx: this.options.wx,
    };
  }
}
