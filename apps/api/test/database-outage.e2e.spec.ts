import { DEV_APP, startSimulator, type RunningSimulator } from '@wxlogin/wechat-sim';
import { isErrorEnvelope, type TokenResponse } from '@wxlogin/contracts';
import { startOwnedPostgres, type OwnedPostgres } from './support/owned-postgres';
import { startApi, type RunningApi } from './support/test-app';

// Short bounds so that the suite stays quick; the defaults are a few seconds each.
const REQUEST_DEADLINE_MS = 2000;
const TIMEOUTS = {
  DB_CONNECT_TIMEOUT_MS: '500',
  DB_STATEMENT_TIMEOUT_MS: '800',
  DB_QUERY_TIMEOUT_MS: '1000',
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
  WECHAT_TIMEOUT_MS: '1000',
  REQUEST_DEADLINE_MS: String(REQUEST_DEADLINE_MS),
};
/** Generous: the answer must come, not come fast (two cores shared with other suites). */
const ANSWER_BOUND_MS = REQUEST_DEADLINE_MS + 1500;

interface Answer {
  readonly status: number;
  readonly ms: number;
  readonly headers: Headers;
  readonly body: unknown;
}

describe('database outage: stopped, restarted, frozen (e2e, owned PostgreSQL)', () => {
  let pg: OwnedPostgres;
  let wechat: RunningSimulator;
  let api: RunningApi;
  let alice: TokenResponse;
  const statuses: number[] = [];

  async function call(path: string, init: RequestInit = {}): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(api.url + path, init);
    const body: unknown = await response.json();
    statuses.push(response.status);
    return {
      status: response.status,
      ms: performance.now() - started,
      headers: response.headers,
      body,
    };
  }
  const post = (path: string, body: unknown) =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const login = (userId: string) =>
    post('/api/auth/login', { code: wechat.sim.login(DEV_APP.appId, userId).code });
  const refresh = (tokens: TokenResponse) =>
    post('/api/auth/refresh', { refreshToken: tokens.refreshToken });
  const me = (tokens: TokenResponse) =>
    call('/api/me', { headers: { authorization: `Bearer ${tokens.accessToken}` } });

  /** Asserts a retryable SERVICE_UNAVAILABLE envelope answered within the deadline. */
  function expectUnavailable(answer: Answer): void {
    expect(answer.status).toBe(503);
    expect(isErrorEnvelope(answer.body)).toBe(true);
    expect(answer.body).toMatchObject({
      error: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    });
    expect(answer.headers.get('retry-after')).toMatch(/^[1-5]$/);
    expect(answer.headers.get('x-request-id')).toBe(
      (answer.body as { error: { requestId: string } }).error.requestId,
    );
    expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
  }

  /** Repeats `attempt` until it answers 200; how long that took. */
  async function msUntilOk(attempt: () => Promise<Answer>, giveUpMs: number): Promise<number> {
    const started = performance.now();
    for (;;) {
      const answer = await attempt();
      if (answer.status === 200) return performance.now() - started;
      if (performance.now() - started > giveUpMs) throw new Error(`still ${answer.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    pg = await startOwnedPostgres();
    await pg.createDatabase('wxlogin_outage');
    wechat = await startSimulator({ port: 0, freezeClock: true, perUserMinuteQuota: 0 });
    api = await startApi({
      DATABASE_URL: pg.urlFor('wxlogin_outage'),
      WECHAT_API_BASE: wechat.url,
      WX_APPS: `${DEV_APP.appId}:${DEV_APP.secret}`,
      RATE_LIMIT_PER_MINUTE: '10000',
      ...TIMEOUTS,
    });
    const first = await login('alice');
    expect(first.status).toBe(200);
    alice = first.body as TokenResponse;
  });
  afterAll(async () => {
    await pg?.thaw();
    await api?.close();
    await wechat?.close();
    await pg?.destroy();
  });
  afterEach(() => {
    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
  });

  it.each(['fast', 'immediate'] as const)(
    'should answer login, refresh and /api/me 503 SERVICE_UNAVAILABLE while PostgreSQL is stopped (%s), and 200 soon after it returns',
    async (mode) => {
      await pg.stop(mode);
      expectUnavailable(await login('bob'));
      expectUnavailable(await refresh(alice));
      expectUnavailable(await me(alice));
      expect((await call('/api/health')).status).toBe(503);

      await pg.start();
      const recoveryMs = await msUntilOk(() => me(alice), 10_000);
      process.stdout.write(`first 200 after a ${mode} stop: ${Math.round(recoveryMs)} ms\n`);
      expect((await call('/api/health')).status).toBe(200);
      // Nothing committed was lost, and the refresh refused during the outage did not rotate.
      const renewed = await refresh(alice);
      expect(renewed.status).toBe(200);
      alice = renewed.body as TokenResponse;
      expect((await login('bob')).status).toBe(200);
    },
  );

  it('should answer 503 within the deadline while PostgreSQL is frozen, and 200 once thawed', async () => {
    const carol = (await login('carol')).body as TokenResponse;
    await pg.freeze();
    try {
      const answers = await Promise.all([login('dave'), refresh(carol), me(alice), me(carol)]);
      for (const answer of answers) expectUnavailable(answer);
      const health = await call('/api/health');
      expect(health.status).toBe(503);
      expect(health.ms).toBeLessThan(ANSWER_BOUND_MS);
    } finally {
      await pg.thaw();
    }
    const recoveryMs = await msUntilOk(() => me(alice), 10_000);
    process.stdout.write(`first 200 after a thaw: ${Math.round(recoveryMs)} ms\n`);
    expect((await login('dave')).status).toBe(200);
  });
});
