import { DEV_APP } from './sim-config';
import {
  OTHER_APP,
  startTestSimulator,
  type TestSimulator,
  UNION_APP_A,
  UNION_APP_B,
} from '../test/sim-fixtures';

describe('GET /sns/jscode2session', () => {
  let t: TestSimulator;

  beforeAll(async () => {
    t = await startTestSimulator();
  });
  afterAll(() => t.running.close());
  beforeEach(() => t.running.sim.reset());

  it('should exchange a fresh code for openid and session_key, with no errcode and no unionid', async () => {
    const code = await t.http.login('alice');
    const body = await t.http.code2Session(code);
    expect(Object.keys(body).sort()).toEqual(['openid', 'session_key']);
    expect(body['openid']).toBe(t.running.sim.openidOf(DEV_APP.appId, 'alice'));
    expect(Buffer.from(String(body['session_key']), 'base64')).toHaveLength(16);
  });

  it('should add the same unionid for a user across union-bound apps, with different openids', async () => {
    const inA = await t.http.code2Session(await t.http.login('bob', UNION_APP_A.appId), {
      appid: UNION_APP_A.appId,
      secret: UNION_APP_A.secret,
    });
    const inB = await t.http.code2Session(await t.http.login('bob', UNION_APP_B.appId), {
      appid: UNION_APP_B.appId,
      secret: UNION_APP_B.secret,
    });
    expect(inA['unionid']).toMatch(/^o[\w-]{27}$/);
    expect(inB['unionid']).toBe(inA['unionid']);
    expect(inB['openid']).not.toBe(inA['openid']);
  });

  it.each([
    ['appid', 41002],
    ['secret', 41004],
    ['js_code', 41008],
  ])('should answer a request without %s with %d', async (param, errcode) => {
    const code = await t.http.login('alice');
    const body = await t.http.code2Session(code, { [param]: '' });
    expect(body['errcode']).toBe(errcode);
  });

  it('should answer 40002 when grant_type is not authorization_code', async () => {
    const body = await t.http.code2Session(await t.http.login('alice'), {
      grant_type: 'client_credential',
    });
    expect(body['errcode']).toBe(40002);
  });

  it('should answer 40013 for an appid WeChat does not know', async () => {
    const body = await t.http.code2Session(await t.http.login('alice'), {
      appid: 'wx0000000000000000',
    });
    expect(Object.keys(body).sort()).toEqual(['errcode', 'errmsg']);
    expect(body['errcode']).toBe(40013);
    expect(body['errmsg']).toMatch(/^invalid appid, rid: /);
  });

  it('should answer 40125 for a wrong secret', async () => {
    const body = await t.http.code2Session(await t.http.login('alice'), {
      secret: '0123456789abcdef0123456789abcdef',
    });
    expect(body['errcode']).toBe(40125);
  });

  it("should answer 40029 for an appid paired with another app's secret", async () => {
    const body = await t.http.code2Session(await t.http.login('alice'), {
      secret: OTHER_APP.secret,
    });
    expect(body['errcode']).toBe(40029);
  });

  it('should answer 40029 for a code WeChat never issued', async () => {
    const body = await t.http.code2Session('0a3Xgg0w3gbvq3345R2w3JkUwU2Xgg0Q');
    expect(body['errcode']).toBe(40029);
  });

  it('should answer 40029 for a code issued to another app', async () => {
    const code = await t.http.login('alice', OTHER_APP.appId);
    expect((await t.http.code2Session(code))['errcode']).toBe(40029);
  });

  it('should answer 40226 for a blocked user without consuming the code', async () => {
    const code = await t.http.login('mallory');
    t.running.sim.faults.setBlocked(DEV_APP.appId, 'mallory', true);
    expect((await t.http.code2Session(code))['errcode']).toBe(40226);
    t.running.sim.faults.setBlocked(DEV_APP.appId, 'mallory', false);
    expect(await t.http.code2Session(code)).toHaveProperty('openid');
  });

  it('should answer 45011 for a rate-limited user', async () => {
    const code = await t.http.login('carol');
    t.running.sim.faults.setRateLimited(DEV_APP.appId, 'carol', true);
    expect((await t.http.code2Session(code))['errcode']).toBe(45011);
  });

  it('should answer 45011 after 100 exchanges of one user in a minute, and serve again the next minute', async () => {
    const sim = t.running.sim;
    // Start at the beginning of a clock minute so all calls fall into the same one.
    sim.clock.advance(60_000 - (sim.clock.now() % 60_000));
    for (let i = 0; i < 100; i += 1) {
      expect(
        sim.server.code2Session(exchangeOf(sim.login(DEV_APP.appId, 'dave').code)),
      ).toHaveProperty('openid');
    }
    const code = await t.http.login('dave');
    expect((await t.http.code2Session(code))['errcode']).toBe(45011);
    expect((await t.http.code2Session(await t.http.login('erin')))['openid']).toBeDefined();
    sim.clock.advance(60_000);
    expect(await t.http.code2Session(code)).toHaveProperty('openid');
  });

  it('should answer -1 while the busy rate is 1, and leave the code usable', async () => {
    const code = await t.http.login('alice');
    t.running.sim.faults.setBusyRate(1);
    expect((await t.http.code2Session(code))['errcode']).toBe(-1);
    t.running.sim.faults.setBusyRate(0);
    expect(await t.http.code2Session(code)).toHaveProperty('openid');
  });

  it('should answer 43001 to a POST', async () => {
    const answer = await t.http.post('/sns/jscode2session', {});
    expect(answer.status).toBe(200);
    expect(answer.body['errcode']).toBe(43001);
  });

  it('should delay answers by the injected latency', async () => {
    t.running.sim.faults.setLatencyMs(150);
    const started = performance.now();
    await t.http.code2Session('unknown');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('should consume the code of a slow call at once and answer it late', async () => {
    const code = await t.http.login('alice');
    t.running.sim.faults.setSlowCalls(1, 300);
    const started = performance.now();
    const late = t.http.code2Session(code);
    // The late answer is still on its way, but WeChat has already used the code.
    await new Promise((resolve) => setTimeout(resolve, 100));
    t.running.sim.faults.setSlowCalls(0, 0);
    expect((await t.http.code2Session(code))['errcode']).toBe(40163);
    expect(await late).toHaveProperty('openid');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('should delay only some calls under latency spikes', async () => {
    t.running.sim.faults.setLatencySpikes(0.5, 200);
    const durations: number[] = [];
    for (let call = 0; call < 20; call += 1) {
      const started = performance.now();
      await t.http.code2Session('unknown');
      durations.push(performance.now() - started);
    }
    expect(durations.filter((ms) => ms < 5).length).toBeGreaterThan(0);
    expect(durations.filter((ms) => ms >= 20).length).toBeGreaterThan(0);
  });
});

function exchangeOf(code: string) {
  return {
    appid: DEV_APP.appId,
    secret: DEV_APP.secret,
    js_code: code,
    grant_type: 'authorization_code',
  };
}
