import { mergeEnv, parseDotenv, redactUrl, resolveDevConfig } from './dev-config';
import { startSimulator } from '@wxlogin/wechat-sim';
import { readyMessage, readyUrls } from './ready-message';

const ROOT = '/repo';

describe('resolveDevConfig', () => {
  it('should start the local simulator and the embedded database when nothing is configured', () => {
    const config = resolveDevConfig({}, ROOT);
    expect(config.apiUrl).toBe('http://127.0.0.1:3000');
    expect(config.wechat).toEqual({ kind: 'local-simulator', url: 'http://127.0.0.1:3001' });
    expect(config.database).toEqual({
      kind: 'embedded',
      dir: 'apps/api/.data/postgres',
      port: 54329,
    });
    expect(config.childEnv).toMatchObject({
      NODE_ENV: 'development',
      PORT: '3000',
      SIM_PORT: '3001',
      TARO_APP_API_BASE: 'http://127.0.0.1:3000',
      API_ORIGIN: 'http://127.0.0.1:3000',
      SIM_ORIGIN: 'http://127.0.0.1:3001',
    });
  });

  it('should follow PORT and SIM_PORT everywhere they appear', () => {
    const config = resolveDevConfig({ PORT: '3300', SIM_PORT: '3301' }, ROOT);
    expect(config.childEnv).toMatchObject({
      PORT: '3300',
      SIM_PORT: '3301',
      TARO_APP_API_BASE: 'http://127.0.0.1:3300',
      API_ORIGIN: 'http://127.0.0.1:3300',
      SIM_ORIGIN: 'http://127.0.0.1:3301',
    });
  });

  it('should talk to WeChat, without a simulator, when an app is configured', () => {
    const single = resolveDevConfig({ WX_APPID: 'wx0123456789abcdef', WX_SECRET: 's' }, ROOT);
    expect(single.wechat).toEqual({
      kind: 'wechat',
      url: 'https://api.weixin.qq.com',
      appIds: ['wx0123456789abcdef'],
    });
    const several = resolveDevConfig(
      { WX_APPS: 'wxaaaaaaaaaaaaaaaa:s1, wxbbbbbbbbbbbbbbbb:s2' },
      ROOT,
    );
    expect(several.wechat).toMatchObject({ appIds: ['wxaaaaaaaaaaaaaaaa', 'wxbbbbbbbbbbbbbbbb'] });
  });

  it('should use a simulator elsewhere when only WECHAT_API_BASE is set', () => {
    const config = resolveDevConfig({ WECHAT_API_BASE: 'http://10.0.0.5:3001/' }, ROOT);
    expect(config.wechat).toEqual({ kind: 'external-simulator', url: 'http://10.0.0.5:3001' });
    expect(config.childEnv['SIM_ORIGIN']).toBe('http://10.0.0.5:3001');
  });

  it('should use DATABASE_URL instead of the embedded database when set', () => {
    const url = 'postgres://me:secret@127.0.0.1:5432/wxlogin';
    expect(resolveDevConfig({ DATABASE_URL: url }, ROOT).database).toEqual({ kind: 'url', url });
  });

  it('should keep a TARO_APP_API_BASE that is already set', () => {
    const config = resolveDevConfig({ TARO_APP_API_BASE: 'https://api.example.com' }, ROOT);
    expect(config.childEnv['TARO_APP_API_BASE']).toBe('https://api.example.com');
  });

  it('should name a malformed port', () => {
    expect(() => resolveDevConfig({ PORT: 'http' }, ROOT)).toThrow(/PORT must be a port/);
  });
});

describe('parseDotenv and mergeEnv', () => {
  it('should read assignments, quotes and comments like the .env.example format', () => {
    const parsed = parseDotenv(
      '# comment\nPORT=3300\n# SIM_PORT=1\nexport LOG_LEVEL = debug # trailing\nJWT_SECRET="a # b"\n',
    );
    expect(parsed).toEqual({ PORT: '3300', LOG_LEVEL: 'debug', JWT_SECRET: 'a # b' });
  });

  it('should let process variables win over the .env file', () => {
    expect(mergeEnv({ PORT: '1' }, { PORT: '2', SIM_PORT: '3' })).toEqual({
      PORT: '1',
      SIM_PORT: '3',
    });
  });
});

describe('readyMessage', () => {
  it('should list every URL and the folder to open in WeChat DevTools', () => {
    const message = readyMessage(resolveDevConfig({}, ROOT));
    expect(message).toContain('http://127.0.0.1:3000/api/health');
    expect(message).toContain('http://127.0.0.1:3000/api/docs');
    expect(message).toContain('http://127.0.0.1:10086');
    expect(message).toContain('http://127.0.0.1:3001');
    expect(message).toContain('import the folder apps/miniapp/dist (/repo/apps/miniapp/dist)');
    expect(message).toContain('data in apps/api/.data/postgres');
    expect(message).toContain("the simulator's dev app wx5f3c9a2b7d1e4c60");
  });

  it('should print only URLs that pnpm dev waits on, and the simulator ones answer 200', async () => {
    const simulator = await startSimulator({ port: 0 });
    try {
      const config = resolveDevConfig({ SIM_PORT: new URL(simulator.url).port }, ROOT);
      const printed = readyMessage(config).match(/https?:\/\/\S+/g) ?? [];
      expect(printed.sort()).toEqual(
        readyUrls(config)
          .map(([, url]) => url)
          .sort(),
      );
      expect(printed).toEqual(
        expect.arrayContaining([
          'http://127.0.0.1:3000/api/health',
          'http://127.0.0.1:3000/api/docs',
          'http://127.0.0.1:10086/',
        ]),
      );
      const simulatorUrls = printed.filter((url) => url.startsWith(simulator.url));
      expect(simulatorUrls).toEqual([`${simulator.url}/`]);
      for (const url of [...simulatorUrls, `${simulator.url}/sim/`]) {
        expect((await fetch(url)).status).toBe(200);
      }
    } finally {
      await simulator.close();
    }
  });

  it('should never print a database password', () => {
    const config = resolveDevConfig({ DATABASE_URL: 'postgres://me:s3cret@db:5432/x' }, ROOT);
    expect(readyMessage(config)).not.toContain('s3cret');
    expect(redactUrl('postgres://me:s3cret@db:5432/x')).toBe('postgres://me:***@db:5432/x');
  });

  it('should say that the H5 build and the simulator are off with a real app', () => {
    const message = readyMessage(resolveDevConfig({ WX_APPID: 'wx0123456789abcdef' }, ROOT));
    expect(message).not.toContain(':10086');
    expect(message).toContain('api.weixin.qq.com with wx0123456789abcdef');
    expect(message).not.toMatch(/https?:\/\/api\.weixin/);
  });
});
