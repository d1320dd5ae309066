import { DEV_APP } from '@wxlogin/wechat-sim';
import type { TokenResponse } from '@wxlogin/contracts';
import { startE2eStack, type E2eStack } from '../test-support/stack';
import type { RunningHost } from '../test-support/host';
import { forceStableTokenRefresh } from '../test-support/force-stable-token';

const USERS = 60;
const ACCESS_TOKEN_LIFE_MS = 7_200_000;

/**
 * WeChat rejects the access_token every instance holds, while 60 users bind a phone number at
 * once on three instances: each call must retry with another token (no re-cached rejected token,
 * no 500). Issue #11 item 1: up to 9 × 500 per burst before.
 */
describe('access_token rejected under load (e2e, three instances)', () => {
  let stack: E2eStack;
  let instances: RunningHost[];
  let sessions: TokenResponse[];
  const sim = () => stack.wechat.sim;
  const counter = (path: string) => sim().counters()[path] ?? 0;

  beforeAll(async () => {
    stack = await startE2eStack();
    instances = [stack.api, await stack.startAnotherApi(), await stack.startAnotherApi()];
    // WeChat answering in a few ms, as over a real network, widens the race window.
    sim().faults.setLatencyMs(5);
    sessions = [];
    for (let user = 0; user < USERS; user += 1) sessions.push(await stack.login(`burst-${user}`));
  });
  afterAll(async () => {
    await stack?.close();
  });

  /**
   * One phone binding per user, spread over the instances and over ~60 ms, so that some requests
   * start while others are already handling the rejection (the window of the re-cache race).
   */
  async function burst(): Promise<Map<string, number>> {
    const outcomes = await Promise.all(
      sessions.map(async (tokens, user) => {
        const { code } = sim().getPhoneNumber(DEV_APP.appId, `burst-${user}`);
        await new Promise((resolve) => setTimeout(resolve, user));
        const instance = instances[user % instances.length];
        if (instance === undefined) throw new Error('no instance');
        const response = await fetch(`${instance.url}/api/auth/phone`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens.accessToken}`,
          },
          body: JSON.stringify({ code }),
        });
        const body = (await response.json()) as { error?: { code: string } };
        return `${response.status}${body.error === undefined ? '' : ` ${body.error.code}`}`;
      }),
    );
    const tally = new Map<string, number>();
    for (const outcome of outcomes) tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
    return tally;
  }

  it('should warm every instance with one shared token', async () => {
    expect(await burst()).toEqual(new Map([['200', USERS]]));
    expect(counter('/cgi-bin/stable_token')).toBe(1);
  });

  it('should answer 60 × 200 right after someone forces a stable_token refresh (40001)', async () => {
    await forceStableTokenRefresh(stack.wechat.url);
    const tokenCalls = counter('/cgi-bin/stable_token');
    expect(await burst()).toEqual(new Map([['200', USERS]]));
    // The three instances share one refresh through the database.
    expect(counter('/cgi-bin/stable_token') - tokenCalls).toBe(1);
  });

  it("should answer 60 × 200 after WeChat's clock passes the token's life (42001)", async () => {
    await fetch(`${stack.wechat.url}/sim/control/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: ACCESS_TOKEN_LIFE_MS + 1_000 }),
    });
    const tokenCalls = counter('/cgi-bin/stable_token');
    expect(await burst()).toEqual(new Map([['200', USERS]]));
    expect(counter('/cgi-bin/stable_token') - tokenCalls).toBe(1);
  });

  it('should answer a retryable WX_UNAVAILABLE, not a 500, when WeChat refuses the new token too', async () => {
    const [first] = sessions;
    if (first === undefined) throw new Error('no session');
    const { code } = sim().getPhoneNumber(DEV_APP.appId, 'burst-0');
    sim().faults.setTokenRejections(2);
    const response = await stack.post('/api/auth/phone', { code }, first.accessToken);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { code: string; retryable: boolean } };
    expect(body.error).toMatchObject({ code: 'WX_UNAVAILABLE', retryable: true });
    // The phone code was never consumed: the client's retry succeeds.
    const retry = await stack.post('/api/auth/phone', { code }, first.accessToken);
    expect(retry.status).toBe(200);
  });
});
