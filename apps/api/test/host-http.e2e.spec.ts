import type { TokenResponse } from '@wxlogin/contracts';
import { errorCodeOf, startE2eStack, type E2eStack } from '@wxlogin/e2e-suite';
import { apiEnvironmentOn } from './support/api-host';
import { startApi, type RunningApi } from './support/test-app';

/** The request deadline of every instance here; PostgreSQL's statement_timeout must beat it. */
const DEADLINE_MS = 1500;

/**
 * What this API adds around the login module, configured through its environment: the OpenAPI
 * pages, CORS, which proxies to believe (TRUST_PROXY) and its pool's statement_timeout. The
 * module's routes themselves are the end-to-end suite's (tooling/e2e-suite), run against this
 * API too.
 */
describe('the API as a host: docs, CORS, proxies, pool timeouts (e2e)', () => {
  let stack: E2eStack;
  let tokens: TokenResponse;

  beforeAll(async () => {
    stack = await startE2eStack();
    tokens = await stack.login('host');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const others: RunningApi[] = [];
  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
  });
  /** Another API on the same database and simulator, with `env` on top. */
  const another = async (env: Record<string, string>) => {
    const api = await startApi(
      apiEnvironmentOn(stack, {
        REQUEST_DEADLINE_MS: String(DEADLINE_MS),
        // The API refuses a deadline shorter than a WeChat call may take.
        WECHAT_TIMEOUT_MS: '1000',
        ...env,
      }),
    );
    others.push(api);
    return api;
  };

  it('should serve the OpenAPI UI and a 3.1 document generated from the contract schemas', async () => {
    const ui = await fetch(`${stack.api.url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const document = (await (await fetch(`${stack.api.url}/api/docs/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/refresh',
        '/api/me/avatar',
        '/api/health',
      ]),
    );
    expect(Object.keys(document.components.schemas.LoginRequest?.properties ?? {})).toEqual([
      'code',
      'appId',
      'phone',
    ]);
  });

  it('should refuse a JSON body over its 64 KB limit with PAYLOAD_TOO_LARGE', async () => {
    const response = await stack.post('/api/auth/login', { code: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(await errorCodeOf(response)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should answer CORS preflights for CORS_ORIGINS only', async () => {
    const withCors = await another({ CORS_ORIGINS: 'http://127.0.0.1:10086' });
    const preflight = (origin: string) =>
      fetch(`${withCors.url}/api/auth/login`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const allowed = await preflight('http://127.0.0.1:10086');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086');
    const other = await preflight('http://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should give each client behind a trusted proxy its own rate-limit budget (TRUST_PROXY)', async () => {
    const refreshFrom = (url: string, forwardedFor: string) =>
      fetch(`${url}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ refreshToken: 'unknown' }),
      }).then((response) => response.status);
    const behindProxy = await another({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    const first: number[] = [];
    for (let i = 0; i < 3; i++) first.push(await refreshFrom(behindProxy.url, '203.0.113.1'));
    expect(first).toEqual([401, 401, 429]);
    // Another client through the same proxy (this test's loopback peer) is not held back by it.
    expect(await refreshFrom(behindProxy.url, '203.0.113.2')).toBe(401);
    // A client cannot escape its budget by prepending a made-up address: the proxy appends the
    // real one, and only the last untrusted hop counts.
    expect(await refreshFrom(behindProxy.url, '198.51.100.7, 203.0.113.1')).toBe(429);

    // A hop count: the one proxy in front (this test) is trusted, the client behind it is not.
    const oneHop = await another({ RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: '1' });
    expect(await refreshFrom(oneHop.url, '198.51.100.7, 203.0.113.1')).toBe(401);
    expect(await refreshFrom(oneHop.url, '203.0.113.1')).toBe(429);
    expect(await refreshFrom(oneHop.url, '203.0.113.2')).toBe(401);

    // Without TRUST_PROXY the header is not believed: every request is the peer's.
    const direct = await another({ RATE_LIMIT_PER_MINUTE: '2' });
    const statuses: number[] = [];
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      statuses.push(await refreshFrom(direct.url, ip));
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('should answer SERVICE_UNAVAILABLE before the deadline when PostgreSQL cancels a statement (statement_timeout)', async () => {
    const quick = await another({ DB_STATEMENT_TIMEOUT_MS: '300' });
    await stack.db.query('BEGIN');
    await stack.db.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
    try {
      const started = performance.now();
      const me = await fetch(`${quick.url}/api/me`, {
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      const ms = performance.now() - started;
      expect(me.status).toBe(503);
      expect(await errorCodeOf(me)).toBe('SERVICE_UNAVAILABLE');
      expect(ms).toBeLessThan(DEADLINE_MS);
    } finally {
      await stack.db.query('COMMIT');
    }
  });
});
