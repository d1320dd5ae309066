import { decryptPhoneNumber } from '@wxlogin/wxcrypto';
import { DEV_APP } from './sim-config';
import { OTHER_APP, startTestSimulator, type TestSimulator } from '../test/sim-fixtures';

interface PhoneReply {
  errcode: number;
  errmsg: string;
  phone_info?: {
    phoneNumber: string;
    purePhoneNumber: string;
    countryCode: string;
    watermark: { timestamp: number; appid: string };
  };
}

describe('POST /wxa/business/getuserphonenumber', () => {
  let t: TestSimulator;
  let token: string;

  beforeAll(async () => {
    t = await startTestSimulator();
  });
  afterAll(() => t.running.close());
  beforeEach(async () => {
    t.running.sim.reset();
    token = await t.http.accessToken();
  });

  async function phoneCode(userId: string, appId: string = DEV_APP.appId): Promise<string> {
    const answer = await t.http.post<{ code: string }>('/sim/phone', { appId, userId });
    return answer.body.code;
  }

  function exchange(body: unknown, accessToken: string = token) {
    return t.http.post<PhoneReply>('/wxa/business/getuserphonenumber', body, {
      access_token: accessToken,
    });
  }

  it("should answer the user's phone with a watermark of the app and the tap time", async () => {
    const code = await phoneCode('alice');
    const { body } = await exchange({ code });
    expect(body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: expect.stringMatching(/^138\d{8}$/) as string,
        purePhoneNumber: body.phone_info?.phoneNumber,
        countryCode: '86',
        watermark: {
          appid: DEV_APP.appId,
          timestamp: Math.floor(t.running.sim.clock.now() / 1000),
        },
      },
    });
  });

  it('should answer the number set by setUser, with the country prefix outside CN', async () => {
    t.running.sim.setUser(DEV_APP.appId, 'bob', { phoneNumber: '4155552671', countryCode: '1' });
    const { body } = await exchange({ code: await phoneCode('bob') });
    expect(body.phone_info).toMatchObject({
      phoneNumber: '+14155552671',
      purePhoneNumber: '4155552671',
      countryCode: '1',
    });
  });

  it('should give the same number in the button encryptedData', async () => {
    const sessionKey = String(
      (await t.http.code2Session(await t.http.login('alice')))['session_key'],
    );
    const detail = await t.http.post<{ code: string; encryptedData: string; iv: string }>(
      '/sim/phone',
      { appId: DEV_APP.appId, userId: 'alice' },
    );
    const decrypted = decryptPhoneNumber({ sessionKey, appId: DEV_APP.appId, ...detail.body });
    const { body } = await exchange({ code: detail.body.code });
    expect(decrypted).toEqual(body.phone_info);
  });

  it('should accept a phone code only once (40029 the second time)', async () => {
    const code = await phoneCode('alice');
    expect((await exchange({ code })).body.errcode).toBe(0);
    expect((await exchange({ code })).body.errcode).toBe(40029);
  });

  it('should expire a phone code after 5 minutes (40029)', async () => {
    const code = await phoneCode('alice');
    t.running.sim.clock.advance(5 * 60_000);
    expect((await exchange({ code })).body.errcode).toBe(40029);
  });

  it('should answer 40029 for an unknown code and for a wx.login code', async () => {
    expect((await exchange({ code: 'e31968a7f94cc5ee' })).body.errcode).toBe(40029);
    expect((await exchange({ code: await t.http.login('alice') })).body.errcode).toBe(40029);
  });

  it('should check the optional openid against the code', async () => {
    const sim = t.running.sim;
    const wrong = await exchange({
      code: await phoneCode('alice'),
      openid: sim.openidOf(DEV_APP.appId, 'bob'),
    });
    expect(wrong.body.errcode).toBe(40029);
    const right = await exchange({
      code: await phoneCode('alice'),
      openid: sim.openidOf(DEV_APP.appId, 'alice'),
    });
    expect(right.body.errcode).toBe(0);
  });

  it('should answer 41001 without a token, 40001 for an unknown or replaced one, 42001 for an expired one', async () => {
    const code = await phoneCode('alice');
    const missing = await t.http.post<PhoneReply>('/wxa/business/getuserphonenumber', { code });
    expect(missing.body.errcode).toBe(41001);
    expect((await exchange({ code }, 'not-a-token')).body.errcode).toBe(40001);
    const replaced = token;
    await t.http.accessToken();
    expect((await exchange({ code }, replaced)).body.errcode).toBe(40001);
    const current = await t.http.accessToken();
    t.running.sim.clock.advance(7_200_000);
    expect((await exchange({ code: await phoneCode('alice') }, current)).body.errcode).toBe(42001);
  });

  it("should answer 40013 when the code belongs to another app than the token's", async () => {
    const otherToken = await t.http.accessToken(OTHER_APP.appId, OTHER_APP.secret);
    expect((await exchange({ code: await phoneCode('alice') }, otherToken)).body.errcode).toBe(
      40013,
    );
  });

  it('should answer -1 and 45011 when injected, leaving the code usable', async () => {
    const sim = t.running.sim;
    const code = await phoneCode('alice');
    sim.faults.setBusyRate(1);
    expect((await exchange({ code })).body.errcode).toBe(-1);
    sim.faults.setBusyRate(0);
    sim.faults.setRateLimited(DEV_APP.appId, 'alice', true);
    expect((await exchange({ code })).body.errcode).toBe(45011);
    sim.faults.clear();
    expect((await exchange({ code })).body.errcode).toBe(0);
  });

  it('should answer 43002 to a GET, 47001 to a non-JSON body and 41008 without code', async () => {
    const get = await t.http.get('/wxa/business/getuserphonenumber', { access_token: token });
    expect(get.body['errcode']).toBe(43002);
    expect((await exchange('code=abc')).body.errcode).toBe(47001);
    expect((await exchange({})).body.errcode).toBe(41008);
  });
});
