import { createHmac } from 'node:crypto';
import { signWithSessionKey } from '@wxlogin/wxcrypto';
import { DEV_APP } from './sim-config';
import { OTHER_APP, startTestSimulator, type TestSimulator } from '../test/sim-fixtures';

const DAY_MS = 86_400_000;

describe('GET /wxa/checksession and /wxa/resetusersessionkey', () => {
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

  async function sessionOf(userId: string): Promise<{ openid: string; sessionKey: string }> {
    const body = await t.http.code2Session(await t.http.login(userId));
    return { openid: String(body['openid']), sessionKey: String(body['session_key']) };
  }

  async function check(
    openid: string,
    signature: string,
    overrides: Record<string, string> = {},
  ): Promise<number> {
    const answer = await t.http.get('/wxa/checksession', {
      access_token: token,
      openid,
      signature,
      sig_method: 'hmac_sha256',
      ...overrides,
    });
    return Number(answer.body['errcode']);
  }

  function reset(openid: string, signature: string) {
    return t.http.get('/wxa/resetusersessionkey', {
      access_token: token,
      openid,
      signature,
      sig_method: 'hmac_sha256',
    });
  }

  describe('the signature: HMAC-SHA256 of "" keyed by the session_key text (docs/wechat-protocol.md#check-session-key)', () => {
    it("should match wxcrypto's signWithSessionKey on the official vector and a known empty-body value", () => {
      expect(signWithSessionKey('o0q0otL8aEzpcZL/FT9WsQ==', '{"foo":"bar"}')).toBe(
        '654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b',
      );
      expect(signWithSessionKey('o0q0otL8aEzpcZL/FT9WsQ==')).toBe(
        '46e043c5525c2d817c44be603d30837a808a1d930d038f6fdc3e62a201fed128',
      );
    });

    it('should accept an HMAC keyed by the key text and refuse one keyed by its decoded bytes (87009)', async () => {
      const { openid, sessionKey } = await sessionOf('alice');
      const byText = createHmac('sha256', sessionKey).update('').digest('hex');
      const byBytes = createHmac('sha256', Buffer.from(sessionKey, 'base64'))
        .update('')
        .digest('hex');
      expect(byText).toBe(signWithSessionKey(sessionKey));
      expect(await check(openid, byText)).toBe(0);
      expect(await check(openid, byBytes)).toBe(87009);
    });
  });

  it('should answer 87009 for the key of an earlier login', async () => {
    const before = await sessionOf('alice');
    const after = await sessionOf('alice');
    expect(await check(before.openid, signWithSessionKey(before.sessionKey))).toBe(87009);
    expect(await check(after.openid, signWithSessionKey(after.sessionKey))).toBe(0);
  });

  it('should answer 87009 once the session_key has expired (default lifetime 3 days)', async () => {
    const { openid, sessionKey } = await sessionOf('alice');
    t.running.sim.clock.advance(3 * DAY_MS - 1_000);
    token = await t.http.accessToken();
    expect(await check(openid, signWithSessionKey(sessionKey))).toBe(0);
    t.running.sim.clock.advance(1_000);
    expect(await check(openid, signWithSessionKey(sessionKey))).toBe(87009);
  });

  it('should answer 87008 for a sig_method other than hmac_sha256', async () => {
    const { openid, sessionKey } = await sessionOf('alice');
    expect(await check(openid, signWithSessionKey(sessionKey), { sig_method: 'sha1' })).toBe(87008);
  });

  it("should answer 40003 for an openid unknown in the token's app", async () => {
    const { openid, sessionKey } = await sessionOf('alice');
    const signature = signWithSessionKey(sessionKey);
    expect(await check('oAAAAAAAAAAAAAAAAAAAAAAAAAAA', signature)).toBe(40003);
    token = await t.http.accessToken(OTHER_APP.appId, OTHER_APP.secret);
    expect(await check(openid, signature)).toBe(40003);
  });

  it('should answer 41001, 40001 and 42001 for a missing, unknown and expired token', async () => {
    const { openid, sessionKey } = await sessionOf('alice');
    const signature = signWithSessionKey(sessionKey);
    expect(await check(openid, signature, { access_token: '' })).toBe(41001);
    expect(await check(openid, signature, { access_token: 'nope' })).toBe(40001);
    t.running.sim.clock.advance(7_200_000);
    expect(await check(openid, signature)).toBe(42001);
  });

  it('should answer -1 when the busy fault hits', async () => {
    const { openid, sessionKey } = await sessionOf('alice');
    t.running.sim.faults.setBusyRate(1);
    expect(await check(openid, signWithSessionKey(sessionKey))).toBe(-1);
  });

  it('should reset to a new key that replaces the old one at once', async () => {
    const { openid, sessionKey } = await sessionOf('alice');
    const answer = await reset(openid, signWithSessionKey(sessionKey));
    expect(answer.body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      openid,
      session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) as string,
    });
    const newKey = String(answer.body['session_key']);
    expect(newKey).not.toBe(sessionKey);
    expect(await check(openid, signWithSessionKey(sessionKey))).toBe(87009);
    expect(await check(openid, signWithSessionKey(newKey))).toBe(0);
  });

  it('should let the reset key inherit the old expiry (reset is not renewal)', async () => {
    const { openid, sessionKey } = await sessionOf('alice');
    t.running.sim.clock.advance(2 * DAY_MS);
    token = await t.http.accessToken();
    const newKey = String(
      (await reset(openid, signWithSessionKey(sessionKey))).body['session_key'],
    );
    t.running.sim.clock.advance(DAY_MS - 1_000);
    token = await t.http.accessToken();
    expect(await check(openid, signWithSessionKey(newKey))).toBe(0);
    t.running.sim.clock.advance(1_000);
    expect(await check(openid, signWithSessionKey(newKey))).toBe(87009);
  });

  it('should refuse a reset signed with a stale key (87009) and answer 45011 for a rate-limited user', async () => {
    const before = await sessionOf('alice');
    const after = await sessionOf('alice');
    expect(
      (await reset(before.openid, signWithSessionKey(before.sessionKey))).body['errcode'],
    ).toBe(87009);
    t.running.sim.faults.setRateLimited(DEV_APP.appId, 'alice', true);
    expect((await reset(after.openid, signWithSessionKey(after.sessionKey))).body['errcode']).toBe(
      45011,
    );
  });
});
