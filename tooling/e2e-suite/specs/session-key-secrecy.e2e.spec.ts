import { DEV_APP } from '@wxlogin/wechat-sim';
import type { TokenResponse } from '@wxlogin/contracts';
import { startE2eStack, type E2eStack } from '../test-support/stack';
import type { RunningHost } from '../test-support/host';
import { currentSessionKey } from '../test-support/sim-session-key';

/**
 * Sending session_key to the client is a classic mistake
 * (docs/wechat-protocol.md#pitfall-session-key-to-client). Here a whole session's worth of traffic
 * is recorded (bodies and headers of every response, success and error, and every log line at debug
 * level) and searched for every session_key WeChat issued to the user along the way.
 */
describe('the client never receives session_key (pitfall-session-key-to-client)', () => {
  let stack: E2eStack;
  let api: RunningHost;
  const logLines: string[] = [];
  const transcript: string[] = [];

  beforeAll(async () => {
    stack = await startE2eStack();
    api = await stack.startAnotherApi({ logSink: (line) => logLines.push(line) });
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function call(method: string, path: string, body?: unknown, accessToken?: string) {
    const response = await fetch(api.url + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    transcript.push(JSON.stringify([...response.headers]), text);
    return { status: response.status, text };
  }

  it('should keep every session_key out of responses, headers, logs and the plaintext database', async () => {
    const sim = stack.wechat.sim;
    const keys = new Set<string>();
    const login = async (extra: Record<string, unknown> = {}) => {
      const { code } = sim.login(DEV_APP.appId, 'secret-keeper');
      const { status, text } = await call('POST', '/api/auth/login', { code, ...extra });
      expect(status).toBe(200);
      keys.add(currentSessionKey(sim, 'secret-keeper'));
      return JSON.parse(text) as TokenResponse;
    };

    const first = await login();
    const phone = sim.getPhoneNumber(DEV_APP.appId, 'secret-keeper');
    const second = await login({ phone: { code: phone.code } });
    await call(
      'POST',
      '/api/auth/phone',
      { encryptedData: phone.encryptedData, iv: phone.iv },
      second.accessToken,
    );
    await call(
      'POST',
      '/api/auth/userinfo',
      sim.getUserInfo(DEV_APP.appId, 'secret-keeper'),
      second.accessToken,
    );
    await call('GET', '/api/me', undefined, first.accessToken);
    await call('PUT', '/api/me', { nickname: '保密' }, second.accessToken);
    const refreshed = await call('POST', '/api/auth/refresh', {
      refreshToken: second.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    // Errors too: stale data after a wx.login the API never saw.
    sim.login(DEV_APP.appId, 'secret-keeper');
    keys.add(currentSessionKey(sim, 'secret-keeper'));
    const late = sim.getPhoneNumber(DEV_APP.appId, 'secret-keeper');
    const stale = await call(
      'POST',
      '/api/auth/phone',
      { encryptedData: late.encryptedData, iv: late.iv },
      first.accessToken,
    );
    expect(stale.status).toBe(409);
    await call('POST', '/api/auth/logout', undefined, first.accessToken);

    expect(keys.size).toBeGreaterThanOrEqual(3);
    const everything = transcript.join('\n');
    const logs = logLines.join('');
    expect(logLines.length).toBeGreaterThan(5);
    for (const key of keys) {
      expect(everything).not.toContain(key);
      expect(logs).not.toContain(key);
    }
    // No field named like a session key (the error code SESSION_KEY_STALE is a value, not a field).
    expect(everything).not.toMatch(/"[^"]*session_?key[^"]*"\s*:/i);

    const rows = await stack.db.query<{
      session_key_enc: Buffer;
      previous_session_key_enc: Buffer | null;
    }>('SELECT session_key_enc, previous_session_key_enc FROM users WHERE openid = $1', [
      sim.openidOf(DEV_APP.appId, 'secret-keeper'),
    ]);
    expect(rows).toHaveLength(1);
    const stored = Buffer.concat(
      rows.flatMap((row) => [row.session_key_enc, row.previous_session_key_enc ?? Buffer.alloc(0)]),
    );
    for (const key of keys) {
      expect(stored.includes(Buffer.from(key, 'base64'))).toBe(false);
      expect(stored.includes(Buffer.from(key, 'utf8'))).toBe(false);
    }
  });
});
