import type { UserView } from '@wxlogin/contracts';
import { createElement } from 'react';
import { act, create, type ReactTestRenderer } from 'react-test-renderer';
import { API_BASE, errorAnswer, fakePlatform, TEST_USER } from '../fake-platform.testing.js';
import type { HttpResponse } from '../platform.js';
import { createWxLogin, type WxLogin } from '../wxlogin.js';
import { useAuthUser } from './use-auth-user.js';
import { type LoginPage, useLogin, type UseLoginOptions } from './use-login.js';
import { useWxLogin, WxLoginProvider } from './wxlogin-context.js';

// Plain createElement, no JSX: the workspace's Jest transform compiles JSX for the classic runtime.
// React tells hooks' updates apart from a test's own only inside act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Renders `use()` under a provider of `client`; `latest()` is what it returned last. */
async function renderHook<T>(client: WxLogin, use: () => T) {
  const seen: T[] = [];
  function Probe() {
    seen.push(use());
    return null;
  }
  let renderer: ReactTestRenderer | undefined;
  await act(async () => {
    renderer = create(createElement(WxLoginProvider, { client }, createElement(Probe)));
    await Promise.resolve();
  });
  return {
    latest: () => seen[seen.length - 1] as T,
    seen,
    unmount: () => act(() => renderer?.unmount()),
  };
}

/** A client whose login and phone binding answer `login` and `phone` (default: success). */
function clientAnswering({ login, phone }: { login?: HttpResponse; phone?: HttpResponse } = {}) {
  const fake = fakePlatform({
    answer: (_, path) =>
      path === '/api/auth/login' ? login : path === '/api/auth/phone' ? phone : undefined,
  });
  return { ...fake, client: createWxLogin({ platform: fake.platform, apiBase: API_BASE }) };
}

const loginPage = (client: WxLogin, options?: UseLoginOptions) =>
  renderHook<LoginPage>(client, () => useLogin(options));

describe('useWxLogin', () => {
  it('should hand out the client of the provider, and refuse to work without one', async () => {
    const { client } = clientAnswering();
    expect((await renderHook(client, useWxLogin)).latest()).toBe(client);

    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    function Orphan() {
      useWxLogin();
      return null;
    }
    expect(() => act(() => void create(createElement(Orphan)))).toThrow('needs a <WxLoginProvider');
    jest.restoreAllMocks();
  });
});

describe('useAuthUser', () => {
  it('should re-render with the user as the session changes', async () => {
    const { client } = clientAnswering();
    const { latest } = await renderHook(client, useAuthUser);
    expect(latest()).toBeNull();

    await act(async () => {
      await client.start();
    });
    expect(latest()).toEqual(TEST_USER);

    await act(() => client.logout());
    expect(latest()).toBeNull();
  });
});

describe('useLogin', () => {
  it('should sign in silently on mount and then offer the phone button', async () => {
    const { client, loginCodes } = clientAnswering();
    const { latest, seen } = await loginPage(client);

    expect(seen[0]?.phase).toEqual({ name: 'signing-in' });
    expect(latest().phase).toEqual({ name: 'ready' });
    expect(loginCodes()).toBe(1);
  });

  it('should stay in signing-in when the page leaves after the sign-in', async () => {
    const { client } = clientAnswering();
    const signedIn: UserView[] = [];
    const { latest } = await loginPage(client, {
      onSignedIn: (user) => (signedIn.push(user), 'leaving'),
    });

    expect(signedIn).toEqual([TEST_USER]);
    expect(latest().phase).toEqual({ name: 'signing-in' });
  });

  it('should show a failed sign-in and sign in again on retry', async () => {
    let refuse = true;
    const fake = fakePlatform({
      answer: (_, path) =>
        path === '/api/auth/login' && refuse ? errorAnswer('WX_CODE_INVALID') : undefined,
    });
    const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE });
    const { latest } = await loginPage(client);
    expect(latest().phase).toMatchObject({ name: 'failed', failure: { canRetry: true } });

    refuse = false;
    await act(async () => {
      latest().retry();
      await Promise.resolve();
    });

    expect(latest().phase).toEqual({ name: 'ready' });
    expect(fake.loginCodes()).toBe(2);
  });

  it('should not sign in again for a failure that retrying cannot help', async () => {
    const { client, loginCodes } = clientAnswering({ login: errorAnswer('WX_USER_BLOCKED') });
    const { latest } = await loginPage(client);

    await act(async () => {
      latest().retry();
      await Promise.resolve();
    });

    expect(latest().phase).toMatchObject({ name: 'failed', failure: { canRetry: false } });
    expect(loginCodes()).toBe(1);
  });

  it('should be binding while a phone tap is sent, and ready again after any outcome', async () => {
    const { client } = clientAnswering({ phone: errorAnswer('WX_PHONE_CODE_INVALID') });
    const { latest, seen } = await loginPage(client);
    const before = seen.length;

    let failure: unknown;
    await act(async () => {
      failure = await latest()
        .bindPhone({ errMsg: 'getPhoneNumber:ok', code: 'phone-code' })
        .catch((error: unknown) => error);
    });

    expect(seen.slice(before).map(({ phase }) => phase.name)).toEqual(['binding', 'ready']);
    expect(failure).toMatchObject({ code: 'WX_PHONE_CODE_INVALID' });
    let outcome: unknown;
    await act(async () => {
      outcome = await latest().bindPhone({ errMsg: 'getPhoneNumber:fail user deny' });
    });
    expect(outcome).toEqual({ kind: 'denied' });
    expect(latest().phase).toEqual({ name: 'ready' });
  });
});
