import { DEV_APP } from './sim-config';
import { OTHER_APP, startTestSimulator, type TestSimulator } from '../test/sim-fixtures';

interface TokenBody {
  access_token?: string;
  expires_in?: number;
  errcode?: number;
}

describe('access_token endpoints', () => {
  let t: TestSimulator;

  beforeAll(async () => {
    t = await startTestSimulator();
  });
  afterAll(() => t.running.close());
  beforeEach(() => t.running.sim.reset());

  /** Whether a token opens the APIs: 0 valid, else the errcode getuserphonenumber answers. */
  async function tokenStatus(token: string): Promise<number> {
    const answer = await t.http.post(
      '/wxa/business/getuserphonenumber',
      {},
      { access_token: token },
    );
    // An accepted token gets as far as the body check (no code: 41008).
    return answer.body['errcode'] === 41008 ? 0 : Number(answer.body['errcode']);
  }

  function stableToken(body: Record<string, unknown> = {}) {
    return t.http.post<TokenBody>('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: DEV_APP.appId,
      secret: DEV_APP.secret,
      ...body,
    });
  }

  describe('GET /cgi-bin/token', () => {
    it('should mint a token valid for 7200 s', async () => {
      const answer = await t.http.get<TokenBody>('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: DEV_APP.appId,
        secret: DEV_APP.secret,
      });
      expect(answer.body).toEqual({ access_token: expect.any(String) as string, expires_in: 7200 });
      expect(await tokenStatus(answer.body.access_token ?? '')).toBe(0);
    });

    it('should invalidate the previous token with every call (40001)', async () => {
      const first = await t.http.accessToken();
      const second = await t.http.accessToken();
      expect(second).not.toBe(first);
      expect(await tokenStatus(first)).toBe(40001);
      expect(await tokenStatus(second)).toBe(0);
    });

    it('should not touch the tokens of another app', async () => {
      const devToken = await t.http.accessToken();
      await t.http.accessToken(OTHER_APP.appId, OTHER_APP.secret);
      expect(await tokenStatus(devToken)).toBe(0);
    });

    it('should expire a token after 7200 s (42001)', async () => {
      const token = await t.http.accessToken();
      t.running.sim.clock.advance(7_199_000);
      expect(await tokenStatus(token)).toBe(0);
      t.running.sim.clock.advance(1_000);
      expect(await tokenStatus(token)).toBe(42001);
    });

    it.each([
      [{ grant_type: 'authorization_code' }, 40002],
      [{ appid: '' }, 41002],
      [{ secret: '' }, 41004],
      [{ appid: 'wx0000000000000000' }, 40013],
      [{ secret: OTHER_APP.secret }, 40125],
    ])('should answer %j with %d', async (override, errcode) => {
      const answer = await t.http.get('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: DEV_APP.appId,
        secret: DEV_APP.secret,
        ...override,
      });
      expect(answer.body['errcode']).toBe(errcode);
    });

    it('should answer -1 when the busy fault hits', async () => {
      t.running.sim.faults.setBusyRate(1);
      const answer = await t.http.get('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: DEV_APP.appId,
        secret: DEV_APP.secret,
      });
      expect(answer.body['errcode']).toBe(-1);
    });
  });

  describe('POST /cgi-bin/stable_token', () => {
    it('should return the same token while it is valid, with the remaining lifetime', async () => {
      const first = await stableToken();
      expect(first.body.expires_in).toBe(7200);
      t.running.sim.clock.advance(1_000_000);
      const second = await stableToken();
      expect(second.body.access_token).toBe(first.body.access_token);
      expect(second.body.expires_in).toBe(6200);
    });

    it('should renew in the last 5 minutes and keep the old token valid until its end', async () => {
      const first = (await stableToken()).body.access_token ?? '';
      t.running.sim.clock.advance(7_200_000 - 300_000);
      const renewed = await stableToken();
      expect(renewed.body.access_token).not.toBe(first);
      expect(renewed.body.expires_in).toBe(7200);
      expect(await tokenStatus(first)).toBe(0);
      t.running.sim.clock.advance(300_000);
      expect(await tokenStatus(first)).toBe(42001);
      expect(await tokenStatus(renewed.body.access_token ?? '')).toBe(0);
    });

    it('should be independent of /cgi-bin/token in both directions', async () => {
      const stable = (await stableToken()).body.access_token ?? '';
      const plain = await t.http.accessToken();
      await t.http.accessToken();
      expect(await tokenStatus(stable)).toBe(0);
      expect((await stableToken()).body.access_token).toBe(stable);
      await stableToken({ force_refresh: true });
      expect(await tokenStatus(plain)).toBe(40001);
      const latestPlain = await t.http.accessToken();
      t.running.sim.clock.advance(30_000);
      const forcedAgain = await stableToken({ force_refresh: true });
      expect(await tokenStatus(forcedAgain.body.access_token ?? '')).toBe(0);
      expect(await tokenStatus(latestPlain)).toBe(0);
    });

    it('should invalidate the old token at once on force_refresh', async () => {
      const old = (await stableToken()).body.access_token ?? '';
      const forced = await stableToken({ force_refresh: true });
      expect(forced.body.access_token).not.toBe(old);
      expect(forced.body.expires_in).toBe(7200);
      expect(await tokenStatus(old)).toBe(40001);
    });

    it('should not refresh again within 30 s of a forced refresh', async () => {
      const forced = (await stableToken({ force_refresh: true })).body.access_token;
      t.running.sim.clock.advance(29_000);
      expect((await stableToken({ force_refresh: true })).body.access_token).toBe(forced);
      t.running.sim.clock.advance(1_000);
      expect((await stableToken({ force_refresh: true })).body.access_token).not.toBe(forced);
    });

    it('should allow 20 forced refreshes a day, then answer 45009 until the next day', async () => {
      const sim = t.running.sim;
      // Start right after a Beijing midnight (UTC 16:00) so 21 refreshes fit in one day.
      const dayMs = 86_400_000;
      sim.clock.advance(dayMs - ((sim.clock.now() + 8 * 3_600_000) % dayMs));
      for (let i = 0; i < 20; i += 1) {
        expect((await stableToken({ force_refresh: true })).body.access_token).toBeDefined();
        sim.clock.advance(30_000);
      }
      expect((await stableToken({ force_refresh: true })).body.errcode).toBe(45009);
      sim.clock.advance(dayMs);
      expect((await stableToken({ force_refresh: true })).body.access_token).toBeDefined();
    });

    it('should answer 43002 to a GET and 47001 to a body that is not JSON', async () => {
      expect((await t.http.get('/cgi-bin/stable_token')).body['errcode']).toBe(43002);
      expect((await t.http.post('/cgi-bin/stable_token', 'appid=x')).body['errcode']).toBe(47001);
    });

    it.each([
      [{ grant_type: 'authorization_code' }, 40002],
      [{ appid: undefined }, 41002],
      [{ secret: undefined }, 41004],
      [{ appid: 'wx0000000000000000' }, 40013],
      [{ secret: 'nope' }, 40125],
    ])('should answer %j with %d', async (override, errcode) => {
      expect((await stableToken(override)).body.errcode).toBe(errcode);
    });
  });
});
