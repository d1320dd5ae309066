import type { TokenResponse } from '@wxlogin/contracts';
import { errorCodeOf, startE2eStack, type E2eStack } from '../test-support/stack';
import type { RunningHost } from '../test-support/host';

/**
 * Refresh rotation with a reuse interval: a rotated refresh token presented again within
 * REFRESH_REUSE_INTERVAL_SECONDS gets the same successor pair (issue #11 item 6: twenty parallel
 * refreshes used to give 1 × 200, 19 × REFRESH_TOKEN_REUSED and a revoked session); later, it is
 * a replay and revokes the whole family.
 */
describe('refresh token reuse interval (e2e)', () => {
  let stack: E2eStack;
  let shortInterval: RunningHost;

  beforeAll(async () => {
    stack = await startE2eStack({ wxlogin: { rateLimitPerMinute: 1000 } });
    shortInterval = await stack.startAnotherApi({ wxlogin: { refreshReuseIntervalSeconds: 1 } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const refreshAt = (url: string, refreshToken: string) =>
    fetch(`${url}/api/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  const pairOf = async (response: Response) => {
    expect(response.status).toBe(200);
    const { accessToken, refreshToken } = (await response.json()) as TokenResponse;
    return { accessToken, refreshToken };
  };

  it('should give twenty concurrent refreshes of one token the same pair, and keep the session', async () => {
    const first = await stack.login('rita');
    const pairs = await Promise.all(
      Array.from({ length: 20 }, async () =>
        pairOf(await stack.post('/api/auth/refresh', { refreshToken: first.refreshToken })),
      ),
    );
    const [pair] = pairs;
    if (pair === undefined) throw new Error('no answer');
    expect(pair.refreshToken).not.toBe(first.refreshToken);
    for (const other of pairs) expect(other).toEqual(pair);
    expect((await stack.get('/api/me', pair.accessToken)).status).toBe(200);
    // The successor is the session's current token: it rotates normally.
    const next = await pairOf(
      await stack.post('/api/auth/refresh', { refreshToken: pair.refreshToken }),
    );
    expect(next.refreshToken).not.toBe(pair.refreshToken);
    expect((await stack.get('/api/me', next.accessToken)).status).toBe(200);
  });

  it('should give two refreshes 50 ms apart the same pair (a retry after a lost answer)', async () => {
    const first = await stack.login('sam');
    const earlier = await pairOf(
      await stack.post('/api/auth/refresh', { refreshToken: first.refreshToken }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const retried = await pairOf(
      await stack.post('/api/auth/refresh', { refreshToken: first.refreshToken }),
    );
    expect(retried).toEqual(earlier);
    expect((await stack.get('/api/me', retried.accessToken)).status).toBe(200);
  });

  it('should store the successor sealed: no refresh or access token in clear in the database', async () => {
    const first = await stack.login('tess');
    const pair = await pairOf(
      await stack.post('/api/auth/refresh', { refreshToken: first.refreshToken }),
    );
    const rows = await stack.db.query<{ successor_sealed: Buffer }>(
      'SELECT successor_sealed FROM used_refresh_tokens WHERE successor_sealed IS NOT NULL',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { successor_sealed: sealed } of rows) {
      expect(sealed.includes(Buffer.from(pair.refreshToken))).toBe(false);
      expect(sealed.includes(Buffer.from(pair.accessToken))).toBe(false);
      expect(sealed.includes(Buffer.from(first.refreshToken))).toBe(false);
    }
  });

  it('should revoke the whole family when a used token comes back after the interval', async () => {
    const first = await stack.login('kate');
    const second = await pairOf(await refreshAt(shortInterval.url, first.refreshToken));
    // A bounded wait past the 1 s interval of that instance.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const replay = await refreshAt(shortInterval.url, first.refreshToken);
    expect(replay.status).toBe(401);
    expect(await errorCodeOf(replay)).toBe('REFRESH_TOKEN_REUSED');
    // The whole session is gone: its newest tokens too.
    expect(await errorCodeOf(await stack.get('/api/me', second.accessToken))).toBe(
      'UNAUTHENTICATED',
    );
    const newest = await refreshAt(shortInterval.url, second.refreshToken);
    expect(await errorCodeOf(newest)).toBe('REFRESH_TOKEN_INVALID');
  });

  it('should answer REFRESH_TOKEN_INVALID to a rotated token of a logged-out session, even within the interval', async () => {
    const first = await stack.login('uma');
    const second = await pairOf(
      await stack.post('/api/auth/refresh', { refreshToken: first.refreshToken }),
    );
    expect((await stack.post('/api/auth/logout', undefined, second.accessToken)).status).toBe(204);
    for (const token of [first.refreshToken, second.refreshToken]) {
      const response = await stack.post('/api/auth/refresh', { refreshToken: token });
      expect(response.status).toBe(401);
      expect(await errorCodeOf(response)).toBe('REFRESH_TOKEN_INVALID');
    }
  });
});
