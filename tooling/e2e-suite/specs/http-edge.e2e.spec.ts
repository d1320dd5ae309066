import { connect } from 'node:net';
import { DEV_APP } from '@wxlogin/wechat-sim';
import { isErrorEnvelope, type TokenResponse } from '@wxlogin/contracts';
import { startE2eStack, type E2eStack } from '../test-support/stack';

const BODY_TIMEOUT_MS = 1000;
const REQUEST_DEADLINE_MS = 1500;
/** Generous upper bounds: the answer must come, not come fast. */
const SLACK_MS = 1500;

/** An HTTP/1.1 answer read off a raw socket. */
interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly ms: number;
}

function parseRaw(raw: string, ms: number): RawAnswer {
  const [head = '', body = ''] = raw.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body), ms };
}

/**
 * Writes `chunks` to the API over a raw TCP connection, `gapMs` apart, and resolves with what
 * the server wrote before closing the connection.
 */
function rawExchange(url: string, chunks: readonly string[], gapMs = 0): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), hostname);
    let received = '';
    let next = 0;
    const writeNext = () => {
      if (next >= chunks.length || socket.destroyed) return;
      socket.write(chunks[next] ?? '');
      next += 1;
      setTimeout(writeNext, gapMs);
    };
    socket.on('connect', writeNext);
    socket.on('data', (data) => (received += data.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseRaw(received, performance.now() - started));
      } catch (error) {
        reject(new Error(`not an HTTP answer: ${JSON.stringify(received)}`, { cause: error }));
      }
    });
  });
}

function expectEnvelope(
  status: number,
  headers: { get(name: string): string | null },
  body: unknown,
  code: string,
) {
  expect(isErrorEnvelope(body)).toBe(true);
  expect(body).toMatchObject({ error: { code } });
  const requestId = (body as { error: { requestId: string } }).error.requestId;
  expect(requestId).not.toBe('');
  expect(headers.get('x-request-id')).toBe(requestId);
  expect(headers.get('cache-control')).toBe('no-store');
  expect(status).toBeGreaterThanOrEqual(400);
}

const rawHeaders = (answer: RawAnswer) => ({ get: (name: string) => answer.headers[name] ?? null });

describe('HTTP edge: router and parser errors, slow requests, deadline, no-store (e2e)', () => {
  let stack: E2eStack;
  let tokens: TokenResponse;

  beforeAll(async () => {
    stack = await startE2eStack({
      requestBodyTimeoutMs: BODY_TIMEOUT_MS,
      requestDeadlineMs: REQUEST_DEADLINE_MS,
      wxlogin: { wechatTimeoutMs: 1000, rateLimitPerMinute: 10_000 },
    });
    tokens = await stack.login('edge');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it.each([
    ['a bad percent-encoding in a route parameter', '/api/avatars/%ff'],
    ['a bad percent-encoding in the path', '/api/me%ff'],
    ['a 101-character route parameter', `/api/avatars/${'a'.repeat(101)}`],
  ])("should answer %s in the envelope, not Fastify's own body", async (_case, path) => {
    const response = await fetch(stack.api.url + path);
    expect(response.status).toBe(400);
    expectEnvelope(response.status, response.headers, await response.json(), 'VALIDATION_FAILED');
  });

  it.each([
    [
      'a Content-Length that is not a number',
      'GET /api/me HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n',
    ],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['a header without a colon', 'GET /api/me HTTP/1.1\r\nHost x\r\n\r\n'],
  ])('should answer %s with a raw envelope and close the connection', async (_case, request) => {
    const answer = await rawExchange(stack.api.url, [request]);
    expect(answer.status).toBe(400);
    expect(answer.headers.connection).toBe('close');
    expectEnvelope(answer.status, rawHeaders(answer), answer.body, 'VALIDATION_FAILED');
  });

  it('should answer a body that arrives too slowly 408 REQUEST_TIMEOUT, retryable', async () => {
    const body = JSON.stringify({ code: 'a'.repeat(40) });
    const head = `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    // One byte every 300 ms: the whole body would take ~15 s.
    const answer = await rawExchange(stack.api.url, [head, ...body], 300);
    expect(answer.status).toBe(408);
    expectEnvelope(answer.status, rawHeaders(answer), answer.body, 'REQUEST_TIMEOUT');
    expect(answer.body).toMatchObject({ error: { retryable: true } });
    expect(answer.ms).toBeLessThan(BODY_TIMEOUT_MS + SLACK_MS);
  });

  it('should answer headers that arrive too slowly 408 REQUEST_TIMEOUT', async () => {
    const head = 'GET /api/me HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(40);
    const answer = await rawExchange(stack.api.url, [...head], 300);
    expect(answer.status).toBe(408);
    expectEnvelope(answer.status, rawHeaders(answer), answer.body, 'REQUEST_TIMEOUT');
    expect(answer.ms).toBeLessThan(BODY_TIMEOUT_MS + SLACK_MS);
  });

  it('should answer SERVICE_UNAVAILABLE at the deadline, and keep the work that finishes later whole', async () => {
    const countUsers = async () =>
      (await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users'))[0]?.n;
    const usersBefore = await countUsers();
    // Another client holds the sessions table: login and /api/me wait on it.
    await stack.db.query('BEGIN');
    await stack.db.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
    try {
      const started = performance.now();
      const [login, me] = await Promise.all([
        stack.post('/api/auth/login', { code: stack.wechat.sim.login(DEV_APP.appId, 'late').code }),
        stack.get('/api/me', tokens.accessToken),
      ]);
      const ms = performance.now() - started;
      for (const response of [login, me]) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^[1-5]$/);
        expectEnvelope(
          response.status,
          response.headers,
          await response.json(),
          'SERVICE_UNAVAILABLE',
        );
      }
      expect(ms).toBeGreaterThanOrEqual(REQUEST_DEADLINE_MS - 50);
      expect(ms).toBeLessThan(REQUEST_DEADLINE_MS + SLACK_MS);
    } finally {
      await stack.db.query('COMMIT');
    }
    // The client retries with a fresh code; the login answered 503 went on once the lock was gone
    // and committed whole: one new user with two sessions, and nothing else changed.
    const retried = await stack.post('/api/auth/login', {
      code: stack.wechat.sim.login(DEV_APP.appId, 'late').code,
    });
    expect(retried.status).toBe(200);
    const { user } = (await retried.json()) as TokenResponse;
    expect(await countUsers()).toBe((usersBefore ?? 0) + 1);
    const sessionsOf = async () =>
      (
        await stack.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1',
          [user.id],
        )
      )[0]?.n;
    for (let waited = 0; (await sessionsOf()) !== 2 && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await sessionsOf()).toBe(2);
    expect((await stack.get('/api/me', tokens.accessToken)).status).toBe(200);
  });

  it('should mark every auth and /api/me answer no-store, successes included', async () => {
    const fresh = await stack.login('no-store');
    const login = await stack.post('/api/auth/login', {
      code: stack.wechat.sim.login(DEV_APP.appId, 'no-store').code,
    });
    const refreshed = await stack.post('/api/auth/refresh', { refreshToken: fresh.refreshToken });
    const me = await stack.get('/api/me', fresh.accessToken);
    const updated = await fetch(`${stack.api.url}/api/me`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${fresh.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nickname: '小明' }),
    });
    const logout = await stack.post('/api/auth/logout', {}, fresh.accessToken);
    for (const response of [login, refreshed, me, updated, logout]) {
      expect(response.status).toBeLessThan(300);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
