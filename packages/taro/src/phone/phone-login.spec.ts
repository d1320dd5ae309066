import {
  type ClientAction,
  ERROR_CATALOGUE,
  ERROR_CODES,
  type ErrorCode,
} from '@wxlogin/contracts';
import { ApiError } from '../errors.js';
import { API_BASE, errorAnswer, fakePlatform, TEST_USER } from '../fake-platform.testing.js';
import { createWxLogin } from '../wxlogin.js';

const phoneTap = { errMsg: 'getPhoneNumber:ok', code: 'phone-code' };

describe('phone login', () => {
  it('should bind the number with the session from before the tap, and keep the new user', async () => {
    const bound = { ...TEST_USER, phoneNumber: '13800138000' };
    const fake = fakePlatform({
      answer: (_, path) =>
        path === '/api/auth/phone' ? { status: 200, body: { user: bound } } : undefined,
    });
    const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE });
    await client.start();

    await expect(client.phone.bind(phoneTap)).resolves.toEqual({ kind: 'bound', user: bound });
    expect(fake.requests[1]).toMatchObject({
      body: { code: 'phone-code' },
      headers: { authorization: 'Bearer access-1-0' },
    });
    expect(client.session.user).toEqual(bound);
    expect(fake.loginCodes()).toBe(1);
  });

  it('should send nothing for a tap WeChat refused, and say why', async () => {
    const fake = fakePlatform();
    const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE });

    await expect(client.phone.bind({ errMsg: 'getPhoneNumber:fail user deny' })).resolves.toEqual({
      kind: 'denied',
    });
    expect(fake.requests).toEqual([]);
  });

  it('should log in and ask for one more tap when there is no session to bind to', async () => {
    const fake = fakePlatform();
    const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE });

    await expect(client.phone.bind(phoneTap)).resolves.toEqual({ kind: 'retap' });
    expect(fake.routes()).toEqual(['POST /api/auth/login']);
  });

  it('should stand in for the native button only where the platform simulates it', async () => {
    const { platform } = fakePlatform();
    const native = createWxLogin({ platform, apiBase: API_BASE });
    expect(native.phone.simulatesButton).toBe(false);
    await expect(native.phone.simulateTap()).rejects.toThrow('native phone button');

    const simulated = createWxLogin({
      platform: { ...platform, simulatePhoneTap: () => Promise.resolve(phoneTap) },
      apiBase: API_BASE,
    });
    expect(simulated.phone.simulatesButton).toBe(true);
    await expect(simulated.phone.simulateTap()).resolves.toEqual(phoneTap);
  });

  describe('when the API refuses the binding, for each catalogue action', () => {
    const codesByAction = (...actions: ClientAction[]) =>
      ERROR_CODES.filter((code) => actions.includes(ERROR_CATALOGUE[code].clientAction));

    async function refusePhoneWith(code: ErrorCode) {
      const fake = fakePlatform({
        answer: (_, path) => (path === '/api/auth/phone' ? errorAnswer(code) : undefined),
      });
      const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE });
      await client.start();
      const outcome = client.phone.bind(phoneTap);
      await outcome.catch(() => undefined);
      const paths = fake.requests.map(({ url }) => new URL(url).pathname);
      return { outcome, paths, loginCodes: fake.loginCodes() };
    }

    it('should cover every code in these cases', () => {
      const covered = codesByAction(
        'login-again',
        'login-again-then-retap',
        'renew-session',
        'retap',
        'retry-later',
        'show-message',
      );
      expect([...covered].sort()).toEqual([...ERROR_CODES].sort());
    });

    it.each(codesByAction('login-again', 'login-again-then-retap'))(
      'should log in again silently and ask for one more tap on %s',
      async (code) => {
        const { outcome, loginCodes } = await refusePhoneWith(code);

        await expect(outcome).resolves.toEqual({ kind: 'retap' });
        expect(loginCodes).toBe(2);
      },
    );

    it.each(codesByAction('renew-session'))(
      'should refresh the session once, send the tap again, then give up on %s',
      async (code) => {
        const { outcome, paths, loginCodes } = await refusePhoneWith(code);

        await expect(outcome).rejects.toEqual(new ApiError(code, 401, 'req-1'));
        expect(paths).toEqual([
          '/api/auth/login',
          '/api/auth/phone',
          '/api/auth/refresh',
          '/api/auth/phone',
        ]);
        expect(loginCodes).toBe(1);
      },
    );

    it.each(codesByAction('retap', 'retry-later', 'show-message'))(
      'should reject with %s (the page shows its message) without logging in again',
      async (code) => {
        const { outcome, paths, loginCodes } = await refusePhoneWith(code);

        await expect(outcome).rejects.toMatchObject({ code, status: ERROR_CATALOGUE[code].status });
        expect(paths).toEqual(['/api/auth/login', '/api/auth/phone']);
        expect(loginCodes).toBe(1);
      },
    );
  });
});
