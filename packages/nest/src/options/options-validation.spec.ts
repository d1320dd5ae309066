import {
  checkWxLoginOptions,
  parseWxLoginOptions,
  WxLoginOptionsError,
} from './options-validation';
import type { WxLoginOptions } from './wxlogin-options';

const APP = { appId: 'wx5f3c9a2b7d1e4c61', secret: '5ec7e75e0c3d4b1a9f2e8d7c6b5a4f31' };
const MINIMAL: WxLoginOptions = {
  apps: [APP],
  jwtSecret: 'a-real-secret-that-is-long-enough-0123456789',
  sessionKeyEncryptionKey: Buffer.alloc(32, 3).toString('base64'),
  publicBaseUrl: 'https://api.example.com/',
};

function problemsOf(options: WxLoginOptions): string[] {
  try {
    parseWxLoginOptions(options);
  } catch (error) {
    if (error instanceof WxLoginOptionsError) {
      return error.problems.map((p) => `${p.option}: ${p.message}`);
    }
    throw error;
  }
  throw new Error('expected a WxLoginOptionsError');
}

describe('parseWxLoginOptions', () => {
  it('should fill in every default and turn the secrets into bytes', () => {
    const settings = parseWxLoginOptions(MINIMAL);
    expect(settings).toMatchObject({
      apps: [APP],
      publicBaseUrl: 'https://api.example.com',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      refreshReuseIntervalSeconds: 20,
      sessionKeyGraceSeconds: 300,
      wechatApiBaseUrl: 'https://api.weixin.qq.com',
      wechatTimeoutMs: 5000,
      rateLimitPerMinute: 120,
      redisUrl: undefined,
      redisTimeoutMs: 500,
      sessionRetentionDays: 30,
      sessionPurgeIntervalSeconds: 3600,
    });
    expect(settings.jwtSecret).toEqual(Buffer.from(MINIMAL.jwtSecret as string));
    expect(settings.sessionKeyEncryptionKey).toEqual(Buffer.alloc(32, 3));
  });

  it('should take what is given, 0 turning the reuse interval and the purge off', () => {
    const settings = parseWxLoginOptions({
      ...MINIMAL,
      sessionKeyEncryptionKey: Buffer.alloc(32, 5),
      refreshReuseIntervalSeconds: 0,
      sessionPurgeIntervalSeconds: 0,
      redisUrl: 'rediss://:pw@cache:6380/2',
    });
    expect(settings).toMatchObject({
      refreshReuseIntervalSeconds: 0,
      sessionPurgeIntervalSeconds: 0,
      redisUrl: 'rediss://:pw@cache:6380/2',
    });
    expect(settings.sessionKeyEncryptionKey).toEqual(Buffer.alloc(32, 5));
  });

  it('should name every bad option in one error, never echoing a secret', () => {
    const problems = problemsOf({
      apps: [
        APP,
        { appId: 'notanappid', secret: 'sh' },
        { ...APP, appId: APP.appId.toUpperCase() },
      ],
      jwtSecret: 'short',
      sessionKeyEncryptionKey: 'dG9vIHNob3J0',
      publicBaseUrl: 'nope',
      accessTokenTtlSeconds: -5,
      refreshTokenTtlSeconds: 1.5,
      refreshReuseIntervalSeconds: 3600,
      wechatApiBaseUrl: 'ftp://wechat',
      rateLimitPerMinute: 0,
      redisUrl: 'http://cache:6379',
      redisTimeoutMs: 0,
      sessionPurgeIntervalSeconds: -1,
    });
    expect(new Set(problems.map((p) => p.split(':')[0]))).toEqual(
      new Set([
        'apps.1.appId',
        'apps.1.secret',
        'apps.2.appId',
        'jwtSecret',
        'sessionKeyEncryptionKey',
        'publicBaseUrl',
        'accessTokenTtlSeconds',
        'refreshTokenTtlSeconds',
        'refreshReuseIntervalSeconds',
        'wechatApiBaseUrl',
        'rateLimitPerMinute',
        'redisUrl',
        'redisTimeoutMs',
        'sessionPurgeIntervalSeconds',
      ]),
    );
    expect(problems).toContain('apps.2.appId: listed twice');
    expect(problems.join('\n')).not.toContain('short');
  });

  it('should refuse a module without a mini-program', () => {
    expect(problemsOf({ ...MINIMAL, apps: [] })).toEqual([
      'apps: at least one mini-program is required',
    ]);
  });
});

describe('checkWxLoginOptions', () => {
  it('should check what is given and leave out what is not', () => {
    expect(checkWxLoginOptions({})).toEqual([]);
    expect(checkWxLoginOptions({ accessTokenTtlSeconds: 20 })).toEqual([
      { option: 'accessTokenTtlSeconds', message: expect.any(String) as string },
    ]);
  });
});
