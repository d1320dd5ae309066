import { posix } from 'node:path';
import { type AnyRecord } from './bundle-values';
import { type HostTimers } from './host-timers';
import { SET_DATA_MAX_BYTES } from './platform-rules';
import { applySetData } from './page-tree';
import { type ProblemLog } from './problem-log';

/** A page as the bundle sees it: its `Page()` configuration on an instance with data. */
export interface PageInstance extends AnyRecord {
  route: string;
  options: Record<string, string>;
  data: AnyRecord;
  setData(payload: AnyRecord, callback?: () => void): void;
}

export type OpenPageMethod = 'navigateTo' | 'redirectTo' | 'reLaunch';

/** The page stack with WeChat's page lifecycle (onLoad, onShow, onReady, onHide, onUnload). */
export class PageStack {
  private readonly pages: PageInstance[] = [];

  /** `loadPageConfig` runs a page's module and returns the configuration it gave `Page()`. */
  constructor(
    private readonly loadPageConfig: (route: string) => AnyRecord,
    private readonly problems: ProblemLog,
    private readonly timers: HostTimers,
  ) {}

  /** The open pages, bottom first (what `getCurrentPages()` returns). */
  list(): PageInstance[] {
    return [...this.pages];
  }

  top(): PageInstance {
    const page = this.pages.at(-1);
    if (!page) throw new Error('no page is open');
    return page;
  }

  open(url: string, how: OpenPageMethod): void {
    const [rawPath = '', queryString = ''] = url.split('?');
    const route = posix.normalize(rawPath.replace(/^\//, ''));
    const query = Object.fromEntries(new URLSearchParams(queryString));
    const config = this.loadPageConfig(route);
    if (how === 'reLaunch') this.unloadAll();
    else if (how === 'redirectTo') this.unloadTop();
    else if (this.pages.length > 0) this.problems.callHook(this.top(), 'onHide');
    const page = this.instantiate(route, query, config);
    this.pages.push(page);
    this.problems.callHook(page, 'onLoad', query);
    this.problems.callHook(page, 'onShow');
    this.scheduleReady(page);
  }

  /** Closes `delta` pages (never the first) and shows the one beneath. */
  back(delta: number): void {
    if (this.pages.length <= 1) throw new Error('cannot navigate back at first page');
    for (let step = 0; step < delta && this.pages.length > 1; step += 1) this.unloadTop();
    this.problems.callHook(this.top(), 'onShow');
  }

  unloadAll(): void {
    while (this.pages.length > 0) this.unloadTop();
  }

  private unloadTop(): void {
    const page = this.pages.pop();
    if (page) this.problems.callHook(page, 'onUnload');
  }

  private scheduleReady(page: PageInstance): void {
    this.timers.schedule(() => {
      if (this.pages.includes(page)) this.problems.callHook(page, 'onReady');
    }, 0);
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
      this.problems.refuse(
        `setData of ${bytes} bytes on ${page.route} exceeds WeChat's 1 MB limit`,
      );
    }
    // The view thread receives a serialised copy, never the logic thread's objects.
    applySetData(page.data, JSON.parse(json) as AnyRecord);
    if (callback) {
      this.timers.schedule(
        () => this.problems.guard(`setData callback on ${page.route}`, callback),
        0,
      );
    }
  }
}
