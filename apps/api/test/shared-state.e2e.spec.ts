import { pino } from 'pino';
import { SharedRedis } from '../src/redis/shared-redis';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis';
import type { RunningApi } from './support/test-app';

const LIMIT = 6;
const REDIS_TIMEOUT_MS = 200;

/**
 * Three instances sharing one Redis (REDIS_URL): one rate-limit budget per client across them,
 * and a Redis that is down or frozen fails open within REDIS_TIMEOUT_MS with a warning (issue #11
 * item 9: each instance used to give a client its own budget).
 */
describe('state shared through Redis by three instances (e2e)', () => {
  let stack: E2eStack;
  let redis: PrivateRedis;
  let instances: RunningApi[];
  const warnings: string[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startE2eStack();
    const env = {
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS),
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
    };
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    instances = [];
    for (let i = 0; i < 3; i += 1) instances.push(await stack.startAnotherApi(env, { logger }));
  });
  afterAll(async () => {
    redis?.thaw();
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

  it('should give a client one budget across the three instances', async () => {
    // The test talks to the instances directly: TRUST_PROXY is unset, so every request is the
    // loopback peer's; one client, one budget.
    const statuses = await roundRobin('ignored', LIMIT + 3);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(401), 429, 429, 429]);
    const limited = await refreshFrom(instances[1], 'ignored');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('should let requests through uncounted, within the timeout, while Redis is stopped', async () => {
    await redis.stop();
    warnings.length = 0;
    const outcomes = await Promise.all(
      instances.map((instance) => refreshFrom(instance, 'ignored')),
    );
    // Over the shared budget, but the limiter cannot count: it fails open (401 = let through).
    for (const { status, ms } of outcomes) {
      expect(status).toBe(401);
      expect(ms).toBeLessThan(REDIS_TIMEOUT_MS + 2_000);
    }
    expect(warnings.some((line) => line.includes('shared Redis unavailable'))).toBe(true);
    await redis.start();
  });

  it('should answer within the bound while Redis is frozen (SIGSTOP), then count again', async () => {
    // Every instance reconnected to the restarted server (empty: a fresh budget).
    await waitFor(() =>
      Promise.resolve(
        instances.every((instance) => instance.app.get(SharedRedis).client?.status === 'ready'),
      ),
    );
    redis.freeze();
    try {
      const outcomes = await Promise.all(
        instances.map((instance) => refreshFrom(instance, 'ignored')),
      );
      for (const { status, ms } of outcomes) {
        expect(status).toBe(401);
        // It did wait for Redis (the command timeout), and not longer than the bound.
        expect(ms).toBeGreaterThanOrEqual(REDIS_TIMEOUT_MS - 20);
        expect(ms).toBeLessThan(REDIS_TIMEOUT_MS + 2_000);
      }
    } finally {
      redis.thaw();
    }
    // Counting resumes: the budget runs out again across instances.
    expect(await roundRobin('ignored', LIMIT + 1)).toContain(429);
  });
});

/** Polls `condition` every 100 ms for at most 10 s. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met within 10 s');
}
