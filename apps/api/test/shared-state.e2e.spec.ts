import { Redis } from 'ioredis';
import { pino } from 'pino';
import { DEV_APP } from '@wxlogin/wechat-sim';
import type { TokenResponse } from '@wxlogin/contracts';
import { startE2eStack, type E2eStack } from '@wxlogin/e2e-suite';
import { apiEnvironmentOn } from './support/api-host';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';
import { startApi, type RunningApi } from './support/test-app';

const LIMIT = 6;
const REDIS_TIMEOUT_MS = 200;

/**
 * Three instances sharing one Redis (REDIS_URL): a login code sent to all of them is exchanged
 * with WeChat once, a client has one rate-limit budget across them, and a Redis that is down or
 * frozen is waited for at most REDIS_TIMEOUT_MS, then worked around with a warning (issue #11
 * item 9: each instance used to give a client its own budget, and the same code sent to three
 * instances gave 1 × 200 and 2 × WX_CODE_USED).
 */
describe('state shared through Redis by three instances (e2e)', () => {
  let stack: E2eStack;
  let redis: PrivateRedis;
  const instances: RunningApi[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startE2eStack();
    const env = {
      // Each test is its own client behind this "proxy" (X-Forwarded-For).
      TRUST_PROXY: 'loopback',
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS),
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
    };
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    for (let i = 0; i < 3; i += 1) {
      instances.push(await startApi(apiEnvironmentOn(stack, env), { logger }));
    }
  });
  afterAll(async () => {
    redis?.thaw();
    for (const instance of instances) await instance.close();
    await stack?.close();
    await redis?.stop();
  });

  /** POST /api/auth/refresh with an unknown token from `client`: 401 when let through. */
  const refreshFrom = async (instance: RunningApi | undefined, client: string) => {
    if (instance === undefined) throw new Error('no instance');
    const started = Date.now();
    const response = await fetch(`${instance.url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ refreshToken: 'unknown' }),
    });
    return { status: response.status, ms: Date.now() - started, response };
  };
  const roundRobin = async (client: string, requests: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < requests; i += 1) {
      statuses.push((await refreshFrom(instances[i % instances.length], client)).status);
    }
    return statuses;
  };

  /** POST /api/auth/login with `code` on `instance`, as `client`: status and error code. */
  const loginAt = async (instance: RunningApi | undefined, code: string, client: string) => {
    if (instance === undefined) throw new Error('no instance');
    const response = await fetch(`${instance.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ code }),
    });
    const body = (await response.json()) as TokenResponse & { error?: { code: string } };
    return { status: response.status, userId: body.user?.id, error: body.error?.code };
  };
  const code2SessionCalls = () => stack.wechat.sim.counters()['/sns/jscode2session'] ?? 0;

  it('should exchange a code sent to the three instances at once with WeChat once: three 200s, one user', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'double-tapper');
    const before = code2SessionCalls();
    const outcomes = await Promise.all(
      instances.map((instance) => loginAt(instance, code, '198.51.100.1')),
    );
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200]);
    expect(new Set(outcomes.map((o) => o.userId)).size).toBe(1);
    expect(code2SessionCalls() - before).toBe(1);
  });

  it('should give a tap landing on another instance just after the same login', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'late-tapper');
    const before = code2SessionCalls();
    const first = await loginAt(instances[0], code, '198.51.100.2');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const late = await loginAt(instances[1], code, '198.51.100.2');
    expect([first.status, late.status]).toEqual([200, 200]);
    expect(late.userId).toBe(first.userId);
    expect(code2SessionCalls() - before).toBe(1);
  });

  it('should keep the outcome in Redis sealed: no code, openid or session_key readable', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'sealed');
    expect((await loginAt(instances[2], code, '198.51.100.3')).status).toBe(200);
    const reader = new Redis(redis.url);
    try {
      const keys = await reader.keys('wxlogin:code:*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toContain(code);
        const value = await reader.getBuffer(key);
        if (value === null) continue;
        for (const secret of [code, stack.wechat.sim.openidOf(DEV_APP.appId, 'sealed')]) {
          expect(value.includes(Buffer.from(secret))).toBe(false);
        }
        expect(value.includes(Buffer.from('session'))).toBe(false);
      }
    } finally {
      reader.disconnect();
    }
  });

  it('should give a client one budget across the three instances', async () => {
    const statuses = await roundRobin('203.0.113.9', LIMIT + 3);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429, 429, 429]);
    const limited = await refreshFrom(instances[1], '203.0.113.9');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('should let requests through uncounted, within the timeout, while Redis is stopped', async () => {
    await redis.stop();
    warnings.length = 0;
    const outcomes = await Promise.all(
      instances.map((instance) => refreshFrom(instance, '203.0.113.9')),
    );
    // Over the shared budget, but the limiter cannot count: it fails open (401 = let through).
    for (const { status, ms } of outcomes) {
      expect(status).toBe(401);
      expect(ms).toBeLessThan(REDIS_TIMEOUT_MS + 2_000);
    }
    expect(warnings.some((line) => line.includes('shared Redis unavailable'))).toBe(true);

    // The double-tap guard falls back to each process: WeChat's 40163 decides, no 500.
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'during-outage');
    const logins = await Promise.all(
      instances.map((instance) => loginAt(instance, code, '198.51.100.4')),
    );
    expect(logins.filter((o) => o.status === 200)).toHaveLength(1);
    expect(logins.filter((o) => o.error === 'WX_CODE_USED')).toHaveLength(2);
    await redis.start();
  });

  it('should answer within the bound while Redis is frozen (SIGSTOP), then count again', async () => {
    // Every instance reconnected to the restarted server (empty: a fresh budget).
    await waitFor(async () => (await readyClientsOf(redis)) >= instances.length);
    redis.freeze();
    try {
      const outcomes = await Promise.all(
        instances.map((instance) => refreshFrom(instance, '203.0.113.9')),
      );
      for (const { status, ms } of outcomes) {
        expect(status).toBe(401);
        // It did wait for Redis (the command timeout), and not longer than the bound.
        expect(ms).toBeGreaterThanOrEqual(REDIS_TIMEOUT_MS - 20);
        expect(ms).toBeLessThan(REDIS_TIMEOUT_MS + 2_000);
      }
      // A login waits for the limiter and the code claim, each bounded, then succeeds.
      const started = Date.now();
      const { code } = stack.wechat.sim.login(DEV_APP.appId, 'during-freeze');
      expect((await loginAt(instances[0], code, '198.51.100.5')).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2 * REDIS_TIMEOUT_MS + 2_000);
    } finally {
      redis.thaw();
    }
    // Counting resumes: the budget runs out again across instances.
    expect(await roundRobin('203.0.113.9', LIMIT + 1)).toContain(429);
  });
});

/**
 * Connections to `redis` that have sent a command — ioredis's ready check (INFO) is the first —
 * not counting the one asking.
 */
async function readyClientsOf(redis: PrivateRedis): Promise<number> {
  const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await probe.connect();
    const self = String(await probe.client('ID'));
    const list = String(await probe.client('LIST'));
    return list
      .split('\n')
      .filter((line) => line.startsWith('id=') && !line.startsWith(`id=${self} `))
      .filter((line) => !/ cmd=NULL /.test(line)).length;
  } catch {
    return 0;
  } finally {
    probe.disconnect();
  }
}

/** Polls `condition` every 100 ms for at most 10 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met within 10 s');
}
