import { DEV_APP } from '@wxlogin/wechat-sim';
import { TokenResponse } from '@wxlogin/contracts';
import { errorCodeOf, startE2eStack, type E2eStack } from '../test-support/stack';

/**
 * At most this long after an exchange settles, the login module hands its outcome to a repeat of
 * the same code (a late double tap; packages/nest README: 2–4 s).
 */
const LATE_TAP_WINDOW_MS = 4_000;

describe('login, tokens and sessions (e2e)', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  beforeEach(() => {
    stack.wechat.sim.faults.clear();
  });

  it('should log in with a wx.login code and answer the contract shape', async () => {
    const tokens = await stack.login('alice');
    expect(TokenResponse.safeParse(tokens).success).toBe(true);
    expect(tokens.expiresIn).toBe(900);
    expect(tokens.user).toMatchObject({
      appId: DEV_APP.appId,
      phoneNumber: null,
      hasUnionId: false,
    });
    const me = await stack.get('/api/me', tokens.accessToken);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(tokens.user);
  });

  it('should keep one user per (app, openid) across logins', async () => {
    const first = await stack.login('bob');
    const second = await stack.login('bob');
    expect(second.user.id).toBe(first.user.id);
    expect(second.accessToken).not.toBe(first.accessToken);
  });

  it('should pick the app by appId and refuse an unknown one (UNKNOWN_APP)', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'carol');
    const response = await stack.post('/api/auth/login', { code, appId: 'wx0000000000000000' });
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('UNKNOWN_APP');
    const ok = await stack.post('/api/auth/login', {
      code,
      appId: DEV_APP.appId.toUpperCase().replace('WX', 'wx'),
    });
    expect(ok.status).toBe(200);
  });

  it('should exchange a double-tapped code with WeChat once and log both taps in as the same user', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'dora');
    const before = stack.wechat.sim.counters()['/sns/jscode2session'] ?? 0;
    const [a, b] = await Promise.all([
      stack.post('/api/auth/login', { code }),
      stack.post('/api/auth/login', { code }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [ta, tb] = (await Promise.all([a.json(), b.json()])) as TokenResponse[];
    expect(ta?.user.id).toBe(tb?.user.id);
    expect((stack.wechat.sim.counters()['/sns/jscode2session'] ?? 0) - before).toBe(1);
  });

  it('should create exactly one user row for concurrent first logins of one person', async () => {
    const codes = Array.from(
      { length: 8 },
      () => stack.wechat.sim.login(DEV_APP.appId, 'erin').code,
    );
    const responses = await Promise.all(
      codes.map((code) => stack.post('/api/auth/login', { code })),
    );
    expect(responses.map((r) => r.status)).toEqual(codes.map(() => 200));
    const rows = await stack.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM users WHERE openid = $1',
      [stack.wechat.sim.openidOf(DEV_APP.appId, 'erin')],
    );
    expect(rows[0]?.n).toBe('1');
  });

  it('should refuse a code used twice (pitfall-code-reuse ⇒ WX_CODE_USED)', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'frank');
    expect((await stack.post('/api/auth/login', { code })).status).toBe(200);
    // Another instance has no memory of the first exchange: WeChat's 40163 decides.
    const other = await stack.startAnotherApi();
    const again = await fetch(`${other.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(again.status).toBe(401);
    expect(await errorCodeOf(again)).toBe('WX_CODE_USED');
  });

  it('should refuse a code replayed on the same instance once the late-tap grace is over', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'hugo');
    const first = await stack.post('/api/auth/login', { code });
    expect(first.status).toBe(200);
    // A replay after the late-tap window is not a double tap.
    await new Promise((resolve) => setTimeout(resolve, LATE_TAP_WINDOW_MS + 100));
    const replay = await stack.post('/api/auth/login', { code });
    expect(replay.status).toBe(401);
    expect(await errorCodeOf(replay)).toBe('WX_CODE_USED');
    const sessions = await stack.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.openid = $1',
      [stack.wechat.sim.openidOf(DEV_APP.appId, 'hugo')],
    );
    expect(sessions[0]?.n).toBe('1');
  });

  it('should refuse a code older than 5 minutes (pitfall-code-reuse ⇒ WX_CODE_INVALID)', async () => {
    const { code } = stack.wechat.sim.login(DEV_APP.appId, 'gina');
    stack.wechat.sim.clock.advance(5 * 60_000 + 1000);
    const response = await stack.post('/api/auth/login', { code });
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('WX_CODE_INVALID');
  });

  it('should map a blocked user to WX_USER_BLOCKED and a rate-limited one to WX_RATE_LIMITED', async () => {
    stack.wechat.sim.faults.setBlocked(DEV_APP.appId, 'hank', true);
    const blocked = await stack.post('/api/auth/login', {
      code: stack.wechat.sim.login(DEV_APP.appId, 'hank').code,
    });
    expect(blocked.status).toBe(403);
    expect(await errorCodeOf(blocked)).toBe('WX_USER_BLOCKED');

    stack.wechat.sim.faults.setRateLimited(DEV_APP.appId, 'ivy', true);
    const limited = await stack.post('/api/auth/login', {
      code: stack.wechat.sim.login(DEV_APP.appId, 'ivy').code,
    });
    expect(limited.status).toBe(429);
    expect(await errorCodeOf(limited)).toBe('WX_RATE_LIMITED');
  });

  it('should retry WeChat busy (-1) and answer WX_UNAVAILABLE when it stays busy', async () => {
    stack.wechat.sim.faults.setBusyRate(1);
    const before = stack.wechat.sim.counters()['/sns/jscode2session'] ?? 0;
    const response = await stack.post('/api/auth/login', {
      code: stack.wechat.sim.login(DEV_APP.appId, 'jack').code,
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: { code: 'WX_UNAVAILABLE', retryable: true },
    });
    // One try and two retries, never more.
    expect((stack.wechat.sim.counters()['/sns/jscode2session'] ?? 0) - before).toBe(3);
  });

  it('should refuse an unknown refresh token (REFRESH_TOKEN_INVALID)', async () => {
    const response = await stack.post('/api/auth/refresh', { refreshToken: 'nope' });
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('REFRESH_TOKEN_INVALID');
  });

  it('should revoke the session on logout: access and refresh tokens stop working', async () => {
    const tokens = await stack.login('liam');
    const logout = await stack.post('/api/auth/logout', undefined, tokens.accessToken);
    expect(logout.status).toBe(204);
    const me = await stack.get('/api/me', tokens.accessToken);
    expect(me.status).toBe(401);
    expect(await errorCodeOf(me)).toBe('UNAUTHENTICATED');
    const refresh = await stack.post('/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(await errorCodeOf(refresh)).toBe('REFRESH_TOKEN_INVALID');
  });

  it('should refuse missing, malformed and forged bearer tokens (UNAUTHENTICATED)', async () => {
    const tokens = await stack.login('mia');
    const [header, payload] = tokens.accessToken.split('.');
    for (const token of [undefined, 'garbage', `${header}.${payload}.forged-signature`]) {
      const response = await stack.get('/api/me', token);
      expect(response.status).toBe(401);
      expect(await errorCodeOf(response)).toBe('UNAUTHENTICATED');
    }
  });

  it('should keep a 3rd-session token valid across app restarts and check it on every request (pitfall-unchecked-session-token)', async () => {
    const kept = await stack.login('noah');
    const revoked = await stack.login('noah');
    expect((await stack.post('/api/auth/logout', undefined, revoked.accessToken)).status).toBe(204);
    await stack.restartApi();
    expect((await stack.get('/api/me', kept.accessToken)).status).toBe(200);
    const refreshed = await stack.post('/api/auth/refresh', { refreshToken: kept.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(await errorCodeOf(await stack.get('/api/me', revoked.accessToken))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
