import { decryptUserInfo, verifyRawDataSignature } from '@wxlogin/wxcrypto';
import { DEV_APP } from './sim-config';
import { startTestSimulator, type TestSimulator, UNION_APP_A } from '../test/sim-fixtures';

describe('client side and controls under /sim/', () => {
  let t: TestSimulator;

  beforeAll(async () => {
    t = await startTestSimulator();
  });
  afterAll(() => t.running.close());
  beforeEach(() => t.running.sim.reset());

  const alice = { appId: DEV_APP.appId, userId: 'alice' };

  describe('CORS', () => {
    it('should answer a browser preflight with the allowed methods and requested headers', async () => {
      const response = await fetch(`${t.running.url}/sim/login`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:10086',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    });

    it('should allow any origin on /sim/ answers but not on WeChat server paths', async () => {
      const client = await t.http.post('/sim/login', alice);
      expect(client.headers.get('access-control-allow-origin')).toBe('*');
      const server = await t.http.get('/sns/jscode2session');
      expect(server.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('index page', () => {
    it.each(['/', '/sim', '/sim/'])(
      'should answer GET %s with an HTML page listing the endpoints and controls',
      async (path) => {
        const response = await fetch(`${t.running.url}${path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        const html = await response.text();
        for (const endpoint of [
          'GET /sns/jscode2session',
          'POST /wxa/business/getuserphonenumber',
          'POST /sim/login',
          'POST /sim/phone',
          'POST /sim/control/faults',
          'PUT /sim/control/users',
        ]) {
          expect(html).toContain(`<code>${endpoint}</code>`);
        }
      },
    );
  });

  describe('POST /sim/login', () => {
    it('should answer a 32-character code', async () => {
      const answer = await t.http.post('/sim/login', alice);
      expect(answer.body).toEqual({ code: expect.stringMatching(/^[A-Za-z0-9]{32}$/) as string });
    });

    it('should refuse an unknown app and a missing userId with 400', async () => {
      const unknown = await t.http.post('/sim/login', { appId: 'wx0', userId: 'alice' });
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ error: { code: 'UNKNOWN_APP' } });
      const missing = await t.http.post('/sim/login', { appId: DEV_APP.appId });
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
      const notJson = await t.http.post('/sim/login', '{');
      expect(notJson.status).toBe(400);
    });
  });

  describe('POST /sim/userinfo', () => {
    it('should sign rawData with sha1(rawData + session_key) and encrypt openId, unionId and watermark', async () => {
      const union = { appId: UNION_APP_A.appId, userId: 'bob' };
      const session = await t.http.code2Session(
        (await t.http.post<{ code: string }>('/sim/login', union)).body.code,
        { appid: UNION_APP_A.appId, secret: UNION_APP_A.secret },
      );
      const sessionKey = String(session['session_key']);
      const answer = await t.http.post<{
        rawData: string;
        signature: string;
        encryptedData: string;
        iv: string;
      }>('/sim/userinfo', union);
      const { rawData, signature, encryptedData, iv } = answer.body;
      expect(verifyRawDataSignature(rawData, sessionKey, signature)).toBe(true);
      expect(JSON.parse(rawData)).not.toHaveProperty('openId');
      const decrypted = decryptUserInfo({
        sessionKey,
        encryptedData,
        iv,
        appId: UNION_APP_A.appId,
      });
      expect(decrypted).toMatchObject({
        ...(JSON.parse(rawData) as object),
        openId: session['openid'],
        unionId: session['unionid'],
        watermark: { appid: UNION_APP_A.appId },
      });
    });

    it('should carry the nickName set through PUT /sim/control/users', async () => {
      await t.http.put('/sim/control/users', { ...alice, nickName: '小明' });
      const answer = await t.http.post<{ rawData: string }>('/sim/userinfo', alice);
      expect(JSON.parse(answer.body.rawData)).toMatchObject({ nickName: '小明' });
    });
  });

  describe('POST /sim/check-session', () => {
    it('should be invalid before any login, valid after, invalid once the key expired', async () => {
      expect((await t.http.post('/sim/check-session', alice)).body).toEqual({ valid: false });
      await t.http.login('alice');
      expect((await t.http.post('/sim/check-session', alice)).body).toEqual({ valid: true });
      await t.http.post('/sim/control/clock/advance', { ms: 3 * 86_400_000 });
      expect((await t.http.post('/sim/check-session', alice)).body).toEqual({ valid: false });
    });
  });

  describe('controls', () => {
    it('should move the clock and report it', async () => {
      const before = (await t.http.get<{ now: number }>('/sim/control/clock')).body.now;
      const advanced = await t.http.post<{ now: number }>('/sim/control/clock/advance', {
        ms: 60_000,
      });
      expect(advanced.body.now).toBe(before + 60_000);
      const negative = await t.http.post('/sim/control/clock/advance', { ms: -1 });
      expect(negative.status).toBe(400);
    });

    it('should set faults and refuse an out-of-range one without applying anything', async () => {
      const set = await t.http.post('/sim/control/faults', {
        busyRate: 0.25,
        latencyMs: 5,
        blocked: { ...alice, on: true },
      });
      expect(set.body).toEqual({
        busyRate: 0.25,
        latencyMs: 5,
        slowCalls: { share: 0, delayMs: 0 },
        latencySpikes: { share: 0, maxMs: 0 },
        tokenRejections: 0,
      });
      expect(t.running.sim.faults.busyRate).toBe(0.25);
      const bad = await t.http.post('/sim/control/faults', { latencyMs: 0, busyRate: 2 });
      expect(bad.status).toBe(400);
      expect(t.running.sim.faults.latencyMs).toBe(5);
      const delays = await t.http.post('/sim/control/faults', {
        slowCalls: { share: 0.1, delayMs: 1_500 },
        latencySpikes: { share: 0.2, maxMs: 400 },
      });
      expect(delays.body).toMatchObject({
        slowCalls: { share: 0.1, delayMs: 1_500 },
        latencySpikes: { share: 0.2, maxMs: 400 },
      });
      const badDelay = await t.http.post('/sim/control/faults', {
        latencyMs: 1,
        slowCalls: { share: 0.5, delayMs: -1 },
      });
      expect(badDelay.status).toBe(400);
      expect(t.running.sim.faults.latencyMs).toBe(5);
      expect(t.running.sim.faults.slowCalls).toEqual({ share: 0.1, delayMs: 1_500 });
      const missingShare = await t.http.post('/sim/control/faults', {
        latencySpikes: { maxMs: 1 },
      });
      expect(missingShare.status).toBe(400);
      const badSwitch = await t.http.post('/sim/control/faults', { rateLimited: { ...alice } });
      expect(badSwitch.status).toBe(400);
    });

    it('should answer 40001 to the next n calls presenting an access_token, valid or not', async () => {
      const token = await t.http.accessToken();
      const set = await t.http.post('/sim/control/faults', { tokenRejections: 2 });
      expect(set.body).toMatchObject({ tokenRejections: 2 });
      const phone = () =>
        t.http.post('/wxa/business/getuserphonenumber', { code: 'x' }, { access_token: token });
      expect((await phone()).body['errcode']).toBe(40001);
      expect((await phone()).body['errcode']).toBe(40001);
      // The token itself was never invalidated: the next call reaches the code check.
      expect((await phone()).body['errcode']).toBe(40029);
      const bad = await t.http.post('/sim/control/faults', { tokenRejections: 1.5 });
      expect(bad.status).toBe(400);
    });

    it('should inject 45011 and 40226 for one user through the faults endpoint', async () => {
      await t.http.post('/sim/control/faults', { rateLimited: { ...alice, on: true } });
      expect((await t.http.code2Session(await t.http.login('alice')))['errcode']).toBe(45011);
      await t.http.post('/sim/control/faults', {
        rateLimited: { ...alice, on: false },
        blocked: { ...alice, on: true },
      });
      expect((await t.http.code2Session(await t.http.login('alice')))['errcode']).toBe(40226);
      expect(await t.http.code2Session(await t.http.login('bob'))).toHaveProperty('openid');
    });

    it('should switch the rotation policy and refuse unknown ones', async () => {
      const set = await t.http.post('/sim/control/rotation', { rotation: 'keep-while-fresh' });
      expect(set.body).toEqual({ rotation: 'keep-while-fresh' });
      expect(t.running.sim.rotation).toBe('keep-while-fresh');
      expect((await t.http.post('/sim/control/rotation', { rotation: 'never' })).status).toBe(400);
    });

    it('should set a user profile and answer the user view', async () => {
      const answer = await t.http.put('/sim/control/users', {
        ...alice,
        phoneNumber: '13912345678',
        countryCode: '86',
      });
      expect(answer.body).toEqual({
        ...alice,
        openid: t.running.sim.openidOf(DEV_APP.appId, 'alice'),
        unionid: null,
        phoneNumber: '13912345678',
        countryCode: '86',
        nickName: '微信用户',
      });
      const bad = await t.http.put('/sim/control/users', { ...alice, phoneNumber: '12-34' });
      expect(bad.status).toBe(400);
    });

    it('should count calls per endpoint path', async () => {
      await t.http.code2Session(await t.http.login('alice'));
      await t.http.code2Session(await t.http.login('bob'));
      await t.http.accessToken();
      await t.http.post('/cgi-bin/stable_token', {});
      const answer = await t.http.get('/sim/control/counters');
      expect(answer.body).toEqual({
        '/sim/login': 2,
        '/sns/jscode2session': 2,
        '/cgi-bin/token': 1,
        '/cgi-bin/stable_token': 1,
      });
    });

    it('should forget users, codes, tokens, counters and faults on reset, and rewind the clock', async () => {
      const sim = t.running.sim;
      const start = sim.clock.now();
      const code = await t.http.login('alice');
      const token = await t.http.accessToken();
      await t.http.post('/sim/control/faults', {
        latencyMs: 3,
        slowCalls: { share: 1, delayMs: 1 },
      });
      await t.http.post('/sim/control/clock/advance', { ms: 1_000 });
      expect((await t.http.post('/sim/control/reset', {})).body).toEqual({ ok: true });
      expect(sim.clock.now()).toBe(start);
      expect(sim.faults.latencyMs).toBe(0);
      expect(sim.faults.slowCalls).toEqual({ share: 0, delayMs: 0 });
      expect((await t.http.get('/sim/control/counters')).body).toEqual({});
      expect((await t.http.code2Session(code))['errcode']).toBe(40029);
      const phone = await t.http.post(
        '/wxa/business/getuserphonenumber',
        {},
        { access_token: token },
      );
      expect(phone.body['errcode']).toBe(40001);
    });

    it('should answer 404 for unknown paths and 405 for a wrong method', async () => {
      expect((await t.http.get('/sim/nope')).status).toBe(404);
      expect((await t.http.get('/nope')).status).toBe(404);
      const wrong = await t.http.get('/sim/login');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
    });

    it('should refuse a body over 64 KiB with 413', async () => {
      const answer = await t.http.post('/sim/login', { ...alice, padding: 'x'.repeat(70_000) });
      expect(answer.status).toBe(413);
    });

    it('should answer a health check', async () => {
      expect((await t.http.get('/sim/health')).body).toEqual({ status: 'ok' });
    });
  });
});
