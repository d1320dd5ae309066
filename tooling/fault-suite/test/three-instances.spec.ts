import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_APP } from '@wxlogin/wechat-sim';
import {
  type Answer,
  clientAddress,
  errorOf,
  latencyMs,
  send,
  sessionIdOf,
} from '../src/api-traffic';
import { type Cluster, startCluster } from '../src/cluster';
import { countBy, formatCounts, ms, percentile, printFigures } from '../src/figures';

// Three built API instances (separate processes) on one PostgreSQL the suite owns, one private
// Redis, and the WeChat simulator; each scenario breaks one part and prints its figures.

const INSTANCES = 3;
/** The API's per-request deadline, shortened from its default so that outages stay short. */
const DEADLINE_MS = 3_000;
/** What the suite allows on top of the deadline for a loaded 2-core machine. */
const DEADLINE_SLACK_MS = 1_000;
const RATE_LIMIT_PER_MINUTE = 20;
/** How soon after the database is back a login must succeed again. */
const RECOVERY_MS = 2_000;

let cluster: Cluster;
/** Requests sent so far: each gets a client address of its own (one phone per request). */
let requests = 0;

beforeAll(async () => {
  cluster = await startCluster({
    instances: INSTANCES,
    env: {
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
      // The API's default: a burst on a cold pool (each new connection authenticates) needs it.
      DB_CONNECT_TIMEOUT_MS: '2000',
      DB_STATEMENT_TIMEOUT_MS: '1500',
      DB_QUERY_TIMEOUT_MS: '2000',
      WECHAT_TIMEOUT_MS: '1000',
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
    },
  });
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

afterEach(() => {
  cluster.wechat.sim.faults.clear();
});

/** A silent login of `userId` on `instance` with a fresh code, from a phone of its own. */
function login(userId: string, instance: number): Promise<Answer> {
  requests += 1;
  const { code } = cluster.wechat.sim.login(DEV_APP.appId, userId);
  return send(cluster.instanceUrls, instance, {
    method: 'POST',
    path: '/api/auth/login',
    body: { code },
    clientAddress: clientAddress(requests),
  });
}

function accessTokenOf(answer: Answer): string {
  if (answer.status !== 200) {
    throw new Error(`login answered ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return (answer.body as { accessToken: string }).accessToken;
}

function wechatCalls(path: string): number {
  return cluster.wechat.sim.counters()[path] ?? 0;
}

/** Logins sent without pause by `workers` loops, spread over the instances, until stopped. */
function startLoginLoad(users: number, workers = 6) {
  const answers: Answer[] = [];
  const userOf = new Map<Answer, string>();
  let running = true;
  let sent = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      sent += 1;
      // A pool of returning users: concurrent logins of one person must still make one user.
      const userId = `load-${sent % users}`;
      const answer = await login(userId, sent % INSTANCES);
      answers.push(answer);
      userOf.set(answer, userId);
      // Keeps the loop from spinning on instant refusals while the database is down.
      await sleep(20);
    }
  });
  return {
    answers,
    /** The first 200 answer among requests sent at or after `since`, if any yet. */
    firstSuccessSince(since: number): Answer | undefined {
      return answers
        .filter((answer) => answer.status === 200 && answer.sentAt >= since)
        .sort((a, b) => a.answeredAt - b.answeredAt)[0];
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

type LoginLoad = ReturnType<typeof startLoginLoad>;

function latencies(answers: readonly Answer[]): string {
  const values = answers.map(latencyMs);
  return `p50 ${ms(percentile(values, 50))}, p99 ${ms(percentile(values, 99))}, max ${ms(Math.max(...values))} (deadline ${DEADLINE_MS} ms)`;
}

async function waitForSuccess(load: LoginLoad, since: number, withinMs: number) {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    const success = load.firstSuccessSince(since);
    if (success) return success;
    await sleep(25);
  }
  return load.firstSuccessSince(since);
}

/** What a database scenario's whole run came to: the figures first, asserted afterwards. */
async function audit(answers: readonly Answer[]) {
  // Every login answered 200 promised a session: each of those rows must exist now.
  const promised = answers
    .filter((answer) => answer.status === 200)
    .map((answer) => sessionIdOf(accessTokenOf(answer)));
  const [found] = await cluster.query<{ kept: number }>(
    'SELECT count(*)::int AS kept FROM sessions WHERE id = ANY($1::uuid[])',
    [promised],
  );
  const duplicates = await cluster.query(
    'SELECT app_id, openid FROM users GROUP BY app_id, openid HAVING count(*) > 1',
  );
  return {
    statuses: countBy(answers, (answer) => answer.status),
    late: answers.filter((answer) => latencyMs(answer) > DEADLINE_MS + DEADLINE_SLACK_MS),
    // A refusal must say "retry": the catalogue's code for a dependency that is down, retryable,
    // with Retry-After.
    badRefusals: answers.filter(
      (answer) =>
        answer.status !== 200 &&
        (errorOf(answer)?.code !== 'SERVICE_UNAVAILABLE' ||
          errorOf(answer)?.retryable !== true ||
          answer.retryAfter === null),
    ),
    promised: promised.length,
    kept: found?.kept ?? 0,
    duplicates: duplicates.length,
  };
}

type Audit = Awaited<ReturnType<typeof audit>>;

function auditFigures(run: Audit) {
  return {
    'answers, whole run': formatCounts(run.statuses),
    'answers past the deadline': run.late.length,
    'refusals not retryable 503s': run.badRefusals.length,
    'logins answered 200 / their session rows': `${run.promised} / ${run.kept}`,
    'duplicate users': run.duplicates,
  };
}

/** 0 × 500, only retryable 503s besides 200s, all within the deadline, nothing lost or doubled. */
function expectNothingLostOrBroken(run: Audit) {
  expect(run.statuses.get(500) ?? 0).toBe(0);
  expect(run.late.map(latencyMs)).toEqual([]);
  expect(run.badRefusals.map((answer) => [answer.status, answer.body])).toEqual([]);
  expect(run.kept).toBe(run.promised);
  expect(run.duplicates).toBe(0);
}

describe('the database goes away', () => {
  const OUTAGE_MS = 5_000;

  it.each(['fast', 'immediate'] as const)(
    'should answer only retryable 503s within the deadline while PostgreSQL is stopped (%s), then recover and lose nothing',
    async (mode) => {
      const load = startLoginLoad(150);
      await sleep(1_000);
      await cluster.postgres.stop(mode);
      const down = performance.now();
      await sleep(OUTAGE_MS);
      const restarting = performance.now();
      await cluster.postgres.start();
      const back = performance.now();
      const firstSuccess = await waitForSuccess(load, back, 10_000);
      await sleep(500);
      const answers = await load.stop();

      const duringOutage = answers.filter((a) => a.sentAt >= down && a.answeredAt < restarting);
      const run = await audit(answers);
      const recoveryMs = firstSuccess ? firstSuccess.answeredAt - back : Number.NaN;
      printFigures(`database stopped (${mode}) for ${ms(restarting - down)}`, {
        ...auditFigures(run),
        'answers during the outage': formatCounts(countBy(duringOutage, (a) => a.status)),
        'latency during the outage': latencies(duringOutage),
        'PostgreSQL start took': ms(back - restarting),
        'first success after it was back': ms(recoveryMs),
      });
      expectNothingLostOrBroken(run);
      expect(duringOutage.length).toBeGreaterThan(0);
      expect(duringOutage.filter((answer) => answer.status !== 503)).toEqual([]);
      expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_MS);
    },
  );

  it('should answer retryable 503s within the deadline while PostgreSQL is frozen, then recover', async () => {
    const FROZEN_MS = 5_000;
    const load = startLoginLoad(150);
    await sleep(1_000);
    await cluster.postgres.freeze();
    const frozen = performance.now();
    await sleep(FROZEN_MS);
    const thawing = performance.now();
    await cluster.postgres.thaw();
    const firstSuccess = await waitForSuccess(load, thawing, 10_000);
    await sleep(500);
    const answers = await load.stop();

    // Requests sent after the freeze and answered before the thaw: none of them can succeed.
    const whileFrozen = answers.filter((a) => a.sentAt >= frozen && a.answeredAt < thawing);
    const run = await audit(answers);
    const recoveryMs = firstSuccess ? firstSuccess.answeredAt - thawing : Number.NaN;
    printFigures(`database frozen (SIGSTOP) for ${ms(thawing - frozen)}`, {
      ...auditFigures(run),
      'answers while frozen': formatCounts(countBy(whileFrozen, (a) => a.status)),
      'latency, whole run': latencies(answers),
      'first success after the thaw': ms(recoveryMs),
    });
    expectNothingLostOrBroken(run);
    expect(whileFrozen.length).toBeGreaterThan(0);
    expect(whileFrozen.filter((answer) => answer.status !== 503)).toEqual([]);
    expect(recoveryMs).toBeLessThanOrEqual(RECOVERY_MS);
  });
});

describe("WeChat's access_token across the instances", () => {
  const USERS = 60;
  const STABLE_TOKEN = '/cgi-bin/stable_token';
  const sessions: { userId: string; accessToken: string }[] = [];

  beforeAll(async () => {
    // Ten at a time: the setup is not what is measured.
    for (let n = 0; n < USERS; n += 10) {
      const batch = Array.from({ length: 10 }, async (_, offset) => {
        const userId = `phone-${n + offset}`;
        return {
          userId,
          accessToken: accessTokenOf(await login(userId, (n + offset) % INSTANCES)),
        };
      });
      sessions.push(...(await Promise.all(batch)));
    }
  });

  /**
   * Every user binds a phone number, spread over the instances and over ~60 ms (one request a
   * millisecond), so that some requests arrive while others are already handling a rejected token:
   * the window of the re-cache race. WeChat answers in 5 ms, as over a real network.
   */
  async function bindPhonesAtOnce(): Promise<Answer[]> {
    cluster.wechat.sim.faults.setLatencyMs(5);
    return Promise.all(
      sessions.map(async ({ userId, accessToken }, n) => {
        const { code } = cluster.wechat.sim.getPhoneNumber(DEV_APP.appId, userId);
        await sleep(n);
        return send(cluster.instanceUrls, n % INSTANCES, {
          method: 'POST',
          path: '/api/auth/phone',
          body: { code },
          accessToken,
        });
      }),
    );
  }

  function expectNoServerError(answers: readonly Answer[]) {
    expect(answers.filter((answer) => answer.status === 500)).toEqual([]);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.map(errorOf).filter((error) => !error?.retryable)).toEqual([]);
  }

  it('should fetch one stable_token for the validity window, whatever instance needs it', async () => {
    const before = wechatCalls(STABLE_TOKEN);
    const first = await bindPhonesAtOnce();
    const afterFirst = wechatCalls(STABLE_TOKEN);
    const second = await bindPhonesAtOnce();
    printFigures(`${USERS} phone bindings at once, twice, over ${INSTANCES} instances`, {
      answers: formatCounts(countBy([...first, ...second], (a) => a.status)),
      'stable_token fetches': `${afterFirst - before} for the first burst, ${wechatCalls(STABLE_TOKEN) - afterFirst} for the second`,
    });
    expect([...first, ...second].filter((answer) => answer.status !== 200)).toEqual([]);
    expect(afterFirst - before).toBe(1);
    expect(wechatCalls(STABLE_TOKEN)).toBe(afterFirst);
  });

  interface TokenRejection {
    what: string;
    reject(): Promise<void>;
    /** A new validity window starts: the instances should fetch it once, not once each call. */
    maxFetches?: number;
  }

  const rejections: TokenRejection[] = [
    {
      what: 'a forced stable_token refresh elsewhere (40001)',
      reject() {
        // Another server with the same AppID forces a refresh: our token dies at once.
        const { appId: appid, secret } = DEV_APP;
        const grant = cluster.wechat.sim.server.getStableAccessToken({
          grant_type: 'client_credential',
          appid,
          secret,
          force_refresh: true,
        });
        expect(grant).toHaveProperty('access_token');
        return Promise.resolve();
      },
      maxFetches: INSTANCES,
    },
    {
      what: 'WeChat refusing the next 10 calls whatever token they carry (40001)',
      reject() {
        cluster.wechat.sim.faults.setTokenRejections(10);
        return Promise.resolve();
      },
    },
    {
      what: "the token's life running out on WeChat's clock (42001)",
      reject() {
        cluster.wechat.sim.clock.advance(7_200_000 + 1_000);
        return Promise.resolve();
      },
      maxFetches: INSTANCES,
    },
  ];

  it.each(rejections)('should recover without a 500 after $what', async (rejection) => {
    await rejection.reject();
    const before = wechatCalls(STABLE_TOKEN);
    const started = performance.now();
    const answers = await bindPhonesAtOnce();
    const fetches = wechatCalls(STABLE_TOKEN) - before;
    printFigures(`${USERS} phone bindings at once after ${rejection.what}`, {
      answers: formatCounts(countBy(answers, (a) => a.status)),
      'stable_token fetches': fetches,
      'burst took': ms(performance.now() - started),
    });
    expectNoServerError(answers);
    if (rejection.maxFetches !== undefined)
      expect(fetches).toBeLessThanOrEqual(rejection.maxFetches);
  });
});

describe('state shared through Redis', () => {
  it('should exchange one login code sent to every instance at once with WeChat once, and log all three in', async () => {
    const { code } = cluster.wechat.sim.login(DEV_APP.appId, 'double-tapper');
    const before = wechatCalls('/sns/jscode2session');
    const answers = await Promise.all(
      cluster.instanceUrls.map((_, instance) =>
        send(cluster.instanceUrls, instance, {
          method: 'POST',
          path: '/api/auth/login',
          body: { code },
          clientAddress: clientAddress((requests += 1)),
        }),
      ),
    );
    const exchanges = wechatCalls('/sns/jscode2session') - before;
    const userIds = answers.map((answer) => (answer.body as { user?: { id?: string } }).user?.id);
    printFigures(`one login code sent to ${INSTANCES} instances at once`, {
      answers: formatCounts(countBy(answers, (a) => a.status)),
      'jscode2session calls': exchanges,
      'distinct users': new Set(userIds).size,
    });
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(new Set(userIds).size).toBe(1);
    expect(exchanges).toBe(1);
  });

  it('should hold one rate limit per client across the instances', async () => {
    const client = clientAddress(100_000);
    const refresh = (instance: number) =>
      send(cluster.instanceUrls, instance, {
        method: 'POST',
        path: '/api/auth/refresh',
        body: { refreshToken: 'not-a-refresh-token-of-ours' },
        clientAddress: client,
      });
    const allowed: Answer[] = [];
    for (let n = 0; n < RATE_LIMIT_PER_MINUTE; n += 1) allowed.push(await refresh(n % INSTANCES));
    const over = await Promise.all(cluster.instanceUrls.map((_, instance) => refresh(instance)));
    printFigures(
      `rate limit ${RATE_LIMIT_PER_MINUTE}/min for one client over ${INSTANCES} instances`,
      {
        'first requests': formatCounts(countBy(allowed, (a) => a.status)),
        'next one on each instance': formatCounts(countBy(over, (a) => a.status)),
      },
    );
    expect(allowed.filter((answer) => answer.status === 429)).toEqual([]);
    expect(over.map((answer) => [answer.status, errorOf(answer)?.code])).toEqual(
      cluster.instanceUrls.map(() => [429, 'RATE_LIMITED']),
    );
    expect(over.every((answer) => answer.retryAfter !== null)).toBe(true);
  });
});
