import { ConfigError, loadConfig } from './app-config';

const PRODUCTION_OK = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://wxlogin@db:5432/wxlogin',
  WX_APPID: 'wx5f3c9a2b7d1e4c61',
  WX_SECRET: '5ec7e75e0c3d4b1a9f2e8d7c6b5a4f31',
  JWT_SECRET: 'a-real-secret-that-is-long-enough-0123456789',
  SESSION_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('should start in development with nothing set, warning about the dev secrets', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.migrateOnStart).toBe(true);
    expect(config.apps).toEqual([]);
    expect(config.wechatApiBase).toBeUndefined();
    expect(config.embeddedPg.port).toBe(54329);
    expect(config.embeddedPg.dir).toMatch(/apps\/api\/\.data\/postgres$/);
    expect(config.publicBaseUrl).toBe('http://127.0.0.1:3000');
    expect(config.warnings).toHaveLength(2);
  });

  it('should accept a complete production environment', () => {
    const config = loadConfig(PRODUCTION_OK);
    expect(config.migrateOnStart).toBe(false);
    expect(config.wechatApiBase).toBe('https://api.weixin.qq.com');
    expect(config.apps).toEqual([
      { appId: PRODUCTION_OK.WX_APPID, secret: PRODUCTION_OK.WX_SECRET },
    ]);
    expect(config.wxlogin.sessionKeyEncryptionKey).toBe(PRODUCTION_OK.SESSION_KEY_ENCRYPTION_KEY);
    expect(config.warnings).toEqual([]);
  });

  it('should name every missing production variable in one error', () => {
    const problems = problemsOf({ NODE_ENV: 'production' }).join('\n');
    for (const variable of [
      'DATABASE_URL',
      'WX_APPID',
      'JWT_SECRET',
      'SESSION_KEY_ENCRYPTION_KEY',
    ]) {
      expect(problems).toContain(variable);
    }
  });

  it('should refuse the .env.example placeholders in production', () => {
    const problems = problemsOf({
      ...PRODUCTION_OK,
      WX_APPID: 'wx0123456789abcdef',
      JWT_SECRET: 'change-me-to-a-long-random-string',
      SESSION_KEY_ENCRYPTION_KEY: 'change-me-32-bytes-base64',
    }).join('\n');
    expect(problems).toContain('WX_APPID or WX_APPS');
    expect(problems).toContain('JWT_SECRET: still the example');
    expect(problems).toContain('SESSION_KEY_ENCRYPTION_KEY: still the example');
  });

  it('should name every malformed variable in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      ACCESS_TOKEN_TTL: '-5',
      REFRESH_TOKEN_TTL: '1.5',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      WECHAT_API_BASE: 'ftp://wechat',
      DB_MIGRATE_ON_START: 'maybe',
      WX_APPS: 'wx5f3c9a2b7d1e4c60,notanappid:secret0123456789abcdef',
      JWT_SECRET: 'short',
      SESSION_KEY_ENCRYPTION_KEY: 'dG9vIHNob3J0',
      CORS_ORIGINS: 'http://ok.example,not an origin',
      RATE_LIMIT_PER_MINUTE: '0',
      PUBLIC_BASE_URL: 'nope',
      TRUST_PROXY: '10.0.0.0/99',
      SESSION_RETENTION_DAYS: 'forever',
      SESSION_PURGE_INTERVAL_SECONDS: '-1',
      REFRESH_REUSE_INTERVAL_SECONDS: '3600',
      REDIS_URL: 'http://cache:6379',
      REDIS_TIMEOUT_MS: '0',
    });
    const named = problems.map((p) => p.split(':')[0]);
    expect(new Set(named)).toEqual(
      new Set([
        'PORT',
        'ACCESS_TOKEN_TTL',
        'REFRESH_TOKEN_TTL',
        'LOG_LEVEL',
        'DATABASE_URL',
        'WECHAT_API_BASE',
        'DB_MIGRATE_ON_START',
        'WX_APPS',
        'JWT_SECRET',
        'SESSION_KEY_ENCRYPTION_KEY',
        'CORS_ORIGINS',
        'RATE_LIMIT_PER_MINUTE',
        'PUBLIC_BASE_URL',
        'TRUST_PROXY',
        'SESSION_RETENTION_DAYS',
        'SESSION_PURGE_INTERVAL_SECONDS',
        'REFRESH_REUSE_INTERVAL_SECONDS',
        'REDIS_URL',
        'REDIS_TIMEOUT_MS',
      ]),
    );
  });

  it('should take several apps from WX_APPS, the first being the default', () => {
    const config = loadConfig({
      WX_APPS:
        'wx5f3c9a2b7d1e4c61:5ec7e75e0c3d4b1a9f2e8d7c6b5a4f31, wx5f3c9a2b7d1e4c62:5ec7e75e0c3d4b1a9f2e8d7c6b5a4f32',
    });
    expect(config.apps.map((app) => app.appId)).toEqual([
      'wx5f3c9a2b7d1e4c61',
      'wx5f3c9a2b7d1e4c62',
    ]);
    expect(config.wechatApiBase).toBe('https://api.weixin.qq.com');
  });

  it('should require WX_APPID and WX_SECRET together', () => {
    expect(problemsOf({ WX_APPID: 'wx5f3c9a2b7d1e4c61' })).toEqual([
      'WX_SECRET: required when WX_APPID is set',
    ]);
  });

  it('should trust no proxy by default, and a hop count or named proxies when told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,172.16.0.1, fd00::/8' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', '172.16.0.1', 'fd00::/8']);
  });

  it('should refuse a TRUST_PROXY that lets any client pick its IP, or that is not an address', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: "true" would let any client choose its IP/),
    ]);
    expect(problemsOf({ TRUST_PROXY: '0' })).toEqual([
      'TRUST_PROXY: a number of hops must be from 1 to 10',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'loopback,proxy.internal,10.1.2.3/33' })).toEqual([
      'TRUST_PROXY: "proxy.internal" is not an IP address, a CIDR or loopback/linklocal/uniquelocal',
      'TRUST_PROXY: "10.1.2.3/33" is not an IP address, a CIDR or loopback/linklocal/uniquelocal',
    ]);
  });

  it("should leave the login module's settings unset to its defaults, and pass the given ones", () => {
    expect(loadConfig({}).wxlogin).toMatchObject({
      accessTokenTtlSeconds: undefined,
      refreshReuseIntervalSeconds: undefined,
      sessionRetentionDays: undefined,
      sessionPurgeIntervalSeconds: undefined,
      redisUrl: undefined,
    });
    expect(
      loadConfig({
        ACCESS_TOKEN_TTL: '600',
        REFRESH_REUSE_INTERVAL_SECONDS: '0',
        SESSION_RETENTION_DAYS: '0',
        SESSION_PURGE_INTERVAL_SECONDS: '0',
        REDIS_URL: 'redis://:pw@cache:6379/2',
        REDIS_TIMEOUT_MS: '250',
      }).wxlogin,
    ).toMatchObject({
      accessTokenTtlSeconds: 600,
      refreshReuseIntervalSeconds: 0,
      sessionRetentionDays: 0,
      sessionPurgeIntervalSeconds: 0,
      redisUrl: 'redis://:pw@cache:6379/2',
      redisTimeoutMs: 250,
    });
  });

  it('should bound every wait for the database and the request by default, and take overrides', () => {
    expect(loadConfig({})).toMatchObject({
      databaseTimeouts: {
        connectMs: 2000,
        statementMs: 4000,
        queryMs: 5000,
        idleInTransactionMs: 10_000,
      },
      requestDeadlineMs: 8000,
      requestBodyTimeoutMs: 10_000,
    });
    expect(
      loadConfig({
        DB_CONNECT_TIMEOUT_MS: '300',
        DB_STATEMENT_TIMEOUT_MS: '400',
        DB_QUERY_TIMEOUT_MS: '500',
        DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1000',
        WECHAT_TIMEOUT_MS: '500',
        REQUEST_DEADLINE_MS: '1500',
        REQUEST_BODY_TIMEOUT_MS: '2000',
      }),
    ).toMatchObject({
      databaseTimeouts: {
        connectMs: 300,
        statementMs: 400,
        queryMs: 500,
        idleInTransactionMs: 1000,
      },
      requestDeadlineMs: 1500,
      requestBodyTimeoutMs: 2000,
    });
  });

  it('should refuse a client-side query timeout below the server-side one, and a deadline WeChat cannot meet', () => {
    expect(
      problemsOf({
        DB_STATEMENT_TIMEOUT_MS: '5000',
        DB_QUERY_TIMEOUT_MS: '4000',
        WECHAT_TIMEOUT_MS: '5000',
        REQUEST_DEADLINE_MS: '5000',
      }),
    ).toEqual([
      'DB_QUERY_TIMEOUT_MS: must be at least DB_STATEMENT_TIMEOUT_MS',
      'REQUEST_DEADLINE_MS: must be longer than WECHAT_TIMEOUT_MS',
    ]);
  });
});
