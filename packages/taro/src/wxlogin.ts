import type { UserView } from '@wxlogin/contracts';
import { createApiClient } from './http/api-client.js';
import { createAuthorizedApi } from './http/authorized-api.js';
import { createSilentLogin, type SilentLoginOptions } from './login/silent-login.js';
import { logout } from './login/logout.js';
import { createPhoneLogin, type PhoneLogin } from './phone/phone-login.js';
import type { AuthPlatform } from './platform.js';
import { createProfile, type Profile } from './profile/profile.js';
import { createSessionStore, type SessionView } from './session/session.store.js';

/** How the client reaches the API, and from which runtime. */
export interface WxLoginOptions extends SilentLoginOptions {
  /** WeChat (`createTaroPlatform()`), the simulator in a browser or in tests. */
  platform: AuthPlatform;
  /** Prefix of every API path: an absolute origin in the mini-program, `''` for same-origin H5. */
  apiBase: string;
}

/** One login client: what the pages of an app use, through the provider or their props. */
export interface WxLogin {
  /** The signed-in user, and change notifications. */
  readonly session: SessionView;
  /** Launch: the stored session while WeChat still holds its login state, else a silent login. */
  readonly start: () => Promise<UserView>;
  /** Revokes the session on the server and clears storage (even when offline). */
  readonly logout: () => Promise<void>;
  readonly phone: PhoneLogin;
  readonly profile: Profile;
}

/** Wires the parts of the login flow to one platform and one API. */
export function createWxLogin(options: WxLoginOptions): WxLogin {
  const { platform } = options;
  const api = createApiClient(platform, options.apiBase);
  const session = createSessionStore(platform.storage);
  const silentLogin = createSilentLogin(platform, api, session, options);
  const requests = createAuthorizedApi(api, session, silentLogin.signIn);
  return {
    session,
    start: silentLogin.start,
    logout: () => logout(requests, session),
    phone: createPhoneLogin(platform, requests, session, silentLogin.signIn),
    profile: createProfile(requests, session),
  };
}
