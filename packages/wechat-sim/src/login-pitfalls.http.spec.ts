import { decryptPhoneNumber, decryptUserInfo, signWithSessionKey } from '@wxlogin/wxcrypto';
import { DEV_APP } from './sim-config';
import { startTestSimulator, type TestSimulator } from '../test/sim-fixtures';
import { expectStaleKeyFailure } from '../test/stale-key';

/**
 * The classic login failures (docs/pitfalls.md), reproduced through the simulator
 * over HTTP, each test named after its pitfall.
 */
interface OpenData {
  encryptedData: string;
  iv: string;
}

describe('login pitfalls, reproduced', () => {
  let t: TestSimulator;
  const user = { appId: DEV_APP.appId, userId: 'seed-user' };

  beforeAll(async () => {
    t = await startTestSimulator();
  });
  afterAll(() => t.running.close());
  beforeEach(() => t.running.sim.reset());

  async function sessionKeyOf(code: string): Promise<string> {
    const body = await t.http.code2Session(code);
    expect(body['session_key']).toEqual(expect.any(String));
    return String(body['session_key']);
  }

  it('getUserInfo button before wx.login: the encryptedData no longer decrypts with the new key', async () => {
    // pitfall-stale-session-key: the button gives rawData/encryptedData/iv, then wx.login runs,
    // then both go up.
    const userInfo = (await t.http.post<OpenData & { rawData: string }>('/sim/userinfo', user))
      .body;
    const sessionKey = await sessionKeyOf(await t.http.login(user.userId));
    expectStaleKeyFailure(() => decryptUserInfo({ sessionKey, appId: DEV_APP.appId, ...userInfo }));
  });

  it('wx.login inside the getPhoneNumber callback: the phone encryptedData no longer decrypts', async () => {
    // pitfall-stale-session-key: a login on page show, the phone button, then a second wx.login in
    // its callback whose code is what reaches the server.
    await t.http.login(user.userId);
    const phone = (await t.http.post<OpenData>('/sim/phone', user)).body;
    const sessionKey = await sessionKeyOf(await t.http.login(user.userId));
    expectStaleKeyFailure(() => decryptPhoneNumber({ sessionKey, appId: DEV_APP.appId, ...phone }));
  });

  it('the documented order (wx.login first, then open data) decrypts', async () => {
    const sessionKey = await sessionKeyOf(await t.http.login(user.userId));
    const phone = (await t.http.post<OpenData>('/sim/phone', user)).body;
    expect(decryptPhoneNumber({ sessionKey, appId: DEV_APP.appId, ...phone })).toMatchObject({
      countryCode: '86',
      watermark: { appid: DEV_APP.appId },
    });
  });

  it('a code kept on the page for more than 5 minutes: jscode2session answers 40029', async () => {
    // pitfall-code-reuse: wx.login on page load, the user taps much later.
    const tappedInTime = await t.http.login(user.userId);
    const keptTooLong = await t.http.login(user.userId);
    await t.http.post('/sim/control/clock/advance', { ms: 4 * 60_000 + 59_000 });
    expect(await t.http.code2Session(tappedInTime)).toHaveProperty('openid');
    await t.http.post('/sim/control/clock/advance', { ms: 1_000 });
    expect((await t.http.code2Session(keptTooLong))['errcode']).toBe(40029);
  });

  it('a code used twice (double tap, or a retry that resends it): 40163', async () => {
    const code = await t.http.login(user.userId);
    const [first, second] = await Promise.all([
      t.http.code2Session(code),
      t.http.code2Session(code),
    ]);
    const answers = [first, second].map((body) => body['errcode'] ?? 'ok').sort();
    expect(answers).toEqual([40163, 'ok']);
  });

  it('a stored session_key goes stale after a later login: checksession answers 87009', async () => {
    const stored = await sessionKeyOf(await t.http.login(user.userId));
    await t.http.login(user.userId);
    const answer = await t.http.get('/wxa/checksession', {
      access_token: await t.http.accessToken(),
      openid: t.running.sim.openidOf(DEV_APP.appId, user.userId),
      signature: signWithSessionKey(stored),
      sig_method: 'hmac_sha256',
    });
    expect(answer.body['errcode']).toBe(87009);
  });

  it('keep-while-fresh rotation: open data taken before a quick second login still decrypts', async () => {
    await t.http.post('/sim/control/rotation', { rotation: 'keep-while-fresh' });
    await t.http.login(user.userId);
    const phone = (await t.http.post<OpenData>('/sim/phone', user)).body;
    const sessionKey = await sessionKeyOf(await t.http.login(user.userId));
    expect(decryptPhoneNumber({ sessionKey, appId: DEV_APP.appId, ...phone })).toHaveProperty(
      'purePhoneNumber',
    );
    // After the fresh window (5 min by default) a login rotates again.
    await t.http.post('/sim/control/clock/advance', { ms: 5 * 60_000 });
    const later = (await t.http.post<OpenData>('/sim/phone', user)).body;
    const rotatedKey = await sessionKeyOf(await t.http.login(user.userId));
    expectStaleKeyFailure(() =>
      decryptPhoneNumber({ sessionKey: rotatedKey, appId: DEV_APP.appId, ...later }),
    );
  });

  it('each server fetching its own /cgi-bin/token logs the others out; stable_token does not', async () => {
    const serverA = await t.http.accessToken();
    const serverB = await t.http.accessToken();
    const phoneWith = async (token: string) =>
      (
        await t.http.post(
          '/wxa/business/getuserphonenumber',
          { code: (await t.http.post<{ code: string }>('/sim/phone', user)).body.code },
          { access_token: token },
        )
      ).body['errcode'];
    expect(await phoneWith(serverA)).toBe(40001);
    expect(await phoneWith(serverB)).toBe(0);

    const stable = () =>
      t.http.post<{ access_token: string }>('/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid: DEV_APP.appId,
        secret: DEV_APP.secret,
      });
    const stableA = (await stable()).body.access_token;
    const stableB = (await stable()).body.access_token;
    expect(stableB).toBe(stableA);
    expect(await phoneWith(stableA)).toBe(0);
    expect(t.running.sim.counters()).toMatchObject({
      '/cgi-bin/token': 2,
      '/cgi-bin/stable_token': 2,
    });
  });
});
