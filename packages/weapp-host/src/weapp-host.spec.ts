import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WeappHost } from './weapp-host';

// A two-file mini-program whose page runs `script` (the body of an async onLoad, with `wx` and
// `page` in scope) against a local server mapped to https://api.example.test. What the platform
// refuses ends as a recorded problem, as it would end as a failure on a phone.

const API = 'https://api.example.test';
const BASE_WXML = '<template name="tmpl_0_9">\n  <block>{{i.v}}</block>\n</template>\n';

let server: Server;
let serverUrl = '';
const seen: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.method ?? ''} ${request.url ?? ''}`);
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  serverUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function buildApp(script: string, appScript = 'App({});'): string {
  const dir = mkdtempSync(join(tmpdir(), 'weapp-host-spec-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'pages', 'p'), { recursive: true });
  writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: ['pages/p/index'] }));
  writeFileSync(join(dir, 'base.wxml'), BASE_WXML);
  writeFileSync(join(dir, 'app.js'), appScript);
  writeFileSync(
    join(dir, 'pages', 'p', 'index.js'),
    `Page({ data: {}, onLoad: async function () { var page = this; ${script} } });`,
  );
  return dir;
}

async function run(script: string, appScript?: string) {
  const host = new WeappHost({
    dir: buildApp(script, appScript),
    requestDomains: [API],
    uploadFileDomains: [],
    resolveOrigin: { [API]: serverUrl },
    wechat: { simulatorUrl: 'http://127.0.0.1:9', appId: 'wx0000000000000000', userId: 'u' },
  });
  try {
    await host.launch();
    await host.settle();
    return { host, error: null };
  } catch (error) {
    return { host, error: error as Error };
  } finally {
    await host.close();
  }
}

describe('WeappHost platform rules', () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it('should send a listed https request to the mapped server', async () => {
    const { error, host } = await run(
      `var answer = await wx.request({ url: '${API}/api/me', method: 'PUT', data: { a: 1 } });
       page.setData({ status: answer.statusCode });`,
    );

    expect(error).toBeNull();
    expect(seen).toEqual(['PUT /api/me']);
    expect(host.requests).toEqual([
      { api: 'request', method: 'PUT', url: `${API}/api/me`, status: 200 },
    ]);
  });

  it.each([
    ['PATCH', `wx.request({ url: '${API}/api/me', method: 'PATCH' })`, 'method PATCH is invalid'],
    ['http', `wx.request({ url: 'http://api.example.test/x' })`, 'url must be https'],
    ['an unlisted host', `wx.request({ url: 'https://other.test/x' })`, 'not in domain list'],
    [
      'an upload to a host off the uploadFile list',
      `wx.uploadFile({ url: '${API}/up', filePath: 'wxfile://a', name: 'f' })`,
      'not in domain list',
    ],
  ])('should refuse %s and send nothing', async (_case, call, message) => {
    const { error } = await run(`await ${call};`);

    expect(error?.message).toContain(message);
    expect(seen).toEqual([]);
  });

  it('should refuse a setData payload over 1 MB', async () => {
    const { error } = await run(`page.setData({ big: new Array(1100 * 1024).join('x') });`);

    expect(error?.message).toContain("exceeds WeChat's 1 MB limit");
  });

  it('should refuse a storage value over 1 MB and storage over 10 MB in total', async () => {
    const perKey = await run(`wx.setStorageSync('k', new Array(1100 * 1024).join('x'));`);
    const total = await run(
      `for (var i = 0; i < 11; i += 1) wx.setStorageSync('k' + i, new Array(1000 * 1024).join('x'));`,
    );

    expect(perKey.error?.message).toContain('over 1 MB');
    expect(total.error?.message).toContain('exceed storage max size 10MB');
    expect(total.host.storage.size).toBe(10);
  });

  it('should refuse to run a file newer than ES2017, naming it', async () => {
    const { error } = await run('', 'App({ a: globalThis?.x });');

    expect(error?.message).toMatch(/^app\.js:1:\d+ is newer than ES2017/);
  });

  it("should give the bundle WeChat's module require but no Node globals", async () => {
    const { error } = await run(
      `var kinds = [typeof require, typeof process, typeof Buffer, typeof global].join();
       if (kinds !== 'function,undefined,undefined,undefined') throw new Error(kinds);`,
    );

    expect(error).toBeNull();
  });
});
