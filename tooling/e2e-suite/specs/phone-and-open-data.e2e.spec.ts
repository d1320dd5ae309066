import { encryptOpenData } from '@wxlogin/wxcrypto';
import { DEV_APP } from '@wxlogin/wechat-sim';
import type { TokenResponse, UserResponse } from '@wxlogin/contracts';
import { errorCodeOf, startE2eStack, type E2eStack } from '../test-support/stack';
import { currentSessionKey } from '../test-support/sim-session-key';
import { forceStableTokenRefresh } from '../test-support/force-stable-token';

describe('phone number and legacy open data (e2e)', () => {
  let stack: E2eStack;
  const sim = () => stack.wechat.sim;
  const counter = (path: string) => sim().counters()[path] ?? 0;

  beforeAll(async () => {
    stack = await startE2eStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function bindPhone(tokens: TokenResponse, body: unknown) {
    return stack.post('/api/auth/phone', body, tokens.accessToken);
  }

  it('should bind a phone number from a phone code, fetching one access_token for many calls', async () => {
    const before = counter('/cgi-bin/stable_token');
    for (const userId of ['p1', 'p2', 'p3']) {
      const tokens = await stack.login(userId);
      const { code } = sim().getPhoneNumber(DEV_APP.appId, userId);
      const response = await bindPhone(tokens, { code });
      expect(response.status).toBe(200);
      const { user } = (await response.json()) as UserResponse;
      expect(user.phoneNumber).toMatch(/^138\d{8}$/);
      expect(user.countryCode).toBe('86');
    }
    expect(counter('/cgi-bin/stable_token') - before).toBe(1);
    expect(counter('/wxa/business/getuserphonenumber')).toBeGreaterThanOrEqual(3);
  });

  it('should share one access_token between two API instances on one database', async () => {
    const other = await stack.startAnotherApi();
    const before = counter('/cgi-bin/stable_token');
    const tokens = await stack.login('p4');
    const { code } = sim().getPhoneNumber(DEV_APP.appId, 'p4');
    const response = await fetch(`${other.url}/api/auth/phone`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.accessToken}`,
      },
      body: JSON.stringify({ code }),
    });
    expect(response.status).toBe(200);
    expect(counter('/cgi-bin/stable_token')).toBe(before);
  });

  it('should refresh the access_token once and retry when WeChat answers 40001', async () => {
    const tokens = await stack.login('p5');
    // Someone forces a new stable token: every earlier one is invalid at once (40001).
    await forceStableTokenRefresh(stack.wechat.url);
    const tokenCalls = counter('/cgi-bin/stable_token');
    const phoneCalls = counter('/wxa/business/getuserphonenumber');
    const response = await bindPhone(tokens, {
      code: sim().getPhoneNumber(DEV_APP.appId, 'p5').code,
    });
    expect(response.status).toBe(200);
    expect(counter('/cgi-bin/stable_token') - tokenCalls).toBe(1);
    expect(counter('/wxa/business/getuserphonenumber') - phoneCalls).toBe(2);
  });

  it('should refuse a phone code used twice or unknown (WX_PHONE_CODE_INVALID)', async () => {
    const tokens = await stack.login('p6');
    const { code } = sim().getPhoneNumber(DEV_APP.appId, 'p6');
    expect((await bindPhone(tokens, { code })).status).toBe(200);
    const again = await bindPhone(tokens, { code });
    expect(again.status).toBe(400);
    expect(await errorCodeOf(again)).toBe('WX_PHONE_CODE_INVALID');
    expect(await errorCodeOf(await bindPhone(tokens, { code: 'f'.repeat(64) }))).toBe(
      'WX_PHONE_CODE_INVALID',
    );
  });

  it('should keep the previous phone number in the history when it changes', async () => {
    const tokens = await stack.login('p7');
    expect(
      (await bindPhone(tokens, { code: sim().getPhoneNumber(DEV_APP.appId, 'p7').code })).status,
    ).toBe(200);
    sim().setUser(DEV_APP.appId, 'p7', { phoneNumber: '13900000007' });
    const changed = await bindPhone(tokens, {
      code: sim().getPhoneNumber(DEV_APP.appId, 'p7').code,
    });
    expect(((await changed.json()) as UserResponse).user.phoneNumber).toBe('13900000007');
    const history = await stack.db.query<{ phone_number: string }>(
      'SELECT phone_number FROM phone_number_history WHERE user_id = $1',
      [tokens.user.id],
    );
    expect(history).toHaveLength(1);
    expect(history[0]?.phone_number).toMatch(/^138\d{8}$/);
  });

  it('should bind a phone number from legacy encryptedData/iv and with the login itself', async () => {
    const tokens = await stack.login('p8');
    const { encryptedData, iv } = sim().getPhoneNumber(DEV_APP.appId, 'p8');
    const response = await bindPhone(tokens, { encryptedData, iv });
    expect(response.status).toBe(200);
    expect(((await response.json()) as UserResponse).user.phoneNumber).toMatch(/^138\d{8}$/);

    const viaCode = await stack.login('p9', {
      phone: { code: sim().getPhoneNumber(DEV_APP.appId, 'p9').code },
    });
    expect(viaCode.user.phoneNumber).toMatch(/^138\d{8}$/);
  });

  it('should decrypt phone data captured before a later wx.login (pitfall-stale-session-key)', async () => {
    await stack.login('q1');
    const captured = sim().getPhoneNumber(DEV_APP.appId, 'q1'); // encrypted with key K1
    const tokens = await stack.login('q1'); // wx.login rotates to K2; the API stores K2
    const response = await bindPhone(tokens, {
      encryptedData: captured.encryptedData,
      iv: captured.iv,
    });
    expect(response.status).toBe(200);

    // Same ordering bug with the data sent inside the login: the key stored before heals it.
    const capturedAgain = sim().getPhoneNumber(DEV_APP.appId, 'q1');
    const relogin = await stack.login('q1', {
      phone: { encryptedData: capturedAgain.encryptedData, iv: capturedAgain.iv },
    });
    expect(relogin.user.phoneNumber).toMatch(/^138\d{8}$/);
  });

  it('should decrypt user info captured before a later wx.login (pitfall-stale-session-key)', async () => {
    sim().setUser(DEV_APP.appId, 'q2', { nickName: '小明' });
    await stack.login('q2');
    const captured = sim().getUserInfo(DEV_APP.appId, 'q2');
    const tokens = await stack.login('q2');
    const response = await stack.post('/api/auth/userinfo', captured, tokens.accessToken);
    expect(response.status).toBe(200);
    expect(((await response.json()) as UserResponse).user.nickname).toBe('小明');
  });

  it('should never store the anonymous 微信用户 or the grey default avatar getUserInfo returns since 2021-04-28', async () => {
    sim().setUser(DEV_APP.appId, 'q9', { nickName: '小红' });
    const tokens = await stack.login('q9');
    const own = await stack.post(
      '/api/auth/userinfo',
      sim().getUserInfo(DEV_APP.appId, 'q9'),
      tokens.accessToken,
    );
    expect(((await own.json()) as UserResponse).user).toMatchObject({
      nickname: '小红',
      avatarUrl: null, // the simulator, like WeChat today, only ever hands out the grey avatar
    });

    sim().setUser(DEV_APP.appId, 'q9', { nickName: '微信用户' });
    const anonymous = await stack.post(
      '/api/auth/userinfo',
      sim().getUserInfo(DEV_APP.appId, 'q9'),
      tokens.accessToken,
    );
    expect(anonymous.status).toBe(200);
    expect(((await anonymous.json()) as UserResponse).user).toMatchObject({
      nickname: '小红',
      avatarUrl: null,
    });
  });

  it('should answer SESSION_KEY_STALE when the client re-logged in unseen or sent data older than the login key', async () => {
    // The client called wx.login without telling the API: the stored key is stale (87009).
    const tokens = await stack.login('q3');
    sim().login(DEV_APP.appId, 'q3');
    const data = sim().getPhoneNumber(DEV_APP.appId, 'q3');
    const stale = await bindPhone(tokens, { encryptedData: data.encryptedData, iv: data.iv });
    expect(stale.status).toBe(409);
    expect(await errorCodeOf(stale)).toBe('SESSION_KEY_STALE');

    // First-time user whose data predates the login's key: nothing can decrypt it.
    const orphan = sim().getPhoneNumber(DEV_APP.appId, 'q4');
    const { code } = sim().login(DEV_APP.appId, 'q4');
    const login = await stack.post('/api/auth/login', {
      code,
      phone: { encryptedData: orphan.encryptedData, iv: orphan.iv },
    });
    expect(await errorCodeOf(login)).toBe('SESSION_KEY_STALE');
  });

  it('should answer OPEN_DATA_INVALID when the grace window is over and the stored key is still current', async () => {
    const noGrace = await stack.startAnotherApi({ wxlogin: { sessionKeyGraceSeconds: 0 } });
    await stack.login('q5');
    const captured = sim().getPhoneNumber(DEV_APP.appId, 'q5');
    const tokens = await stack.login('q5');
    const response = await fetch(`${noGrace.url}/api/auth/phone`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.accessToken}`,
      },
      body: JSON.stringify({ encryptedData: captured.encryptedData, iv: captured.iv }),
    });
    expect(response.status).toBe(422);
    expect(await errorCodeOf(response)).toBe('OPEN_DATA_INVALID');
  });

  it('should refuse data for another app (WATERMARK_MISMATCH) and tampered rawData (SIGNATURE_INVALID)', async () => {
    const tokens = await stack.login('q6');
    const sessionKey = currentSessionKey(sim(), 'q6');
    const foreign = encryptOpenData({
      sessionKey,
      payload: {
        phoneNumber: '13800000000',
        purePhoneNumber: '13800000000',
        countryCode: '86',
        watermark: { appid: 'wx9999999999999999', timestamp: 1 },
      },
    });
    const mismatch = await bindPhone(tokens, foreign);
    expect(mismatch.status).toBe(422);
    expect(await errorCodeOf(mismatch)).toBe('WATERMARK_MISMATCH');

    const info = sim().getUserInfo(DEV_APP.appId, 'q6');
    const tampered = await stack.post(
      '/api/auth/userinfo',
      { ...info, rawData: info.rawData.replace('微信用户', 'admin') },
      tokens.accessToken,
    );
    expect(tampered.status).toBe(422);
    expect(await errorCodeOf(tampered)).toBe('SIGNATURE_INVALID');
  });

  it('should repair "+" turned into spaces in iv/encryptedData (pitfall-plus-to-space)', async () => {
    const tokens = await stack.login('q7');
    let data = sim().getPhoneNumber(DEV_APP.appId, 'q7');
    for (let i = 0; i < 200 && !(data.encryptedData.includes('+') && data.iv.includes('+')); i++) {
      data = sim().getPhoneNumber(DEV_APP.appId, 'q7');
    }
    expect(data.encryptedData).toContain('+');
    expect(data.iv).toContain('+');
    const mangled = {
      encryptedData: data.encryptedData.replace(/\+/g, ' '),
      iv: data.iv.replace(/\+/g, ' '),
    };
    const response = await bindPhone(tokens, mangled);
    expect(response.status).toBe(200);
  });

  it('should answer VALIDATION_FAILED for base64 that cannot be repaired', async () => {
    const tokens = await stack.login('q8');
    const response = await bindPhone(tokens, {
      encryptedData: '@@@@',
      iv: 'AAAAAAAAAAAAAAAAAAAAAA==',
    });
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('VALIDATION_FAILED');
  });
});
