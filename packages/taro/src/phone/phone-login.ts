import { phoneRoute, type UserView } from '@wxlogin/contracts';
import { clientActionOf, SignedOutError } from '../errors.js';
import type { AuthorizedApi } from '../http/authorized-api.js';
import type { AuthPlatform, PhoneEventDetail } from '../platform.js';
import type { SessionStore, StoredSession } from '../session/session.store.js';
import { type PhoneEvent, readPhoneEvent } from './phone-event.js';

/** What a tap on the phone button led to. */
export type PhoneLoginOutcome =
  | { kind: 'bound'; user: UserView }
  /** The server's WeChat login state was outdated; it is fresh now and one more tap will do. */
  | { kind: 'retap' }
  | Exclude<PhoneEvent, { kind: 'proof' }>;

/** 手机号快捷登录: the `getPhoneNumber` button's event, sent to `POST /api/auth/phone`. */
export interface PhoneLogin {
  /**
   * Handles a tap. Sends the phone code, or `encryptedData`/`iv` from older base libraries, with
   * the session that existed before the tap: no login happens between the tap and the server's
   * answer, because a new login code can replace the WeChat login state the encrypted data was
   * made with. When the server reports that state outdated, or the session is gone, this logs in
   * again and asks for one more tap (`retap`); any other refusal rejects.
   */
  readonly bind: (detail: PhoneEventDetail) => Promise<PhoneLoginOutcome>;
  /** Whether this runtime lacks a native phone button and {@link simulateTap} stands in. */
  readonly simulatesButton: boolean;
  /** The event detail a tap would carry (H5 preview and tests only). */
  readonly simulateTap: () => Promise<PhoneEventDetail>;
}

/** @param signIn the silent login, for a session the server no longer accepts */
export function createPhoneLogin(
  platform: AuthPlatform,
  requests: AuthorizedApi,
  session: SessionStore,
  signIn: () => Promise<StoredSession>,
): PhoneLogin {
  async function signInForRetap(): Promise<PhoneLoginOutcome> {
    await signIn();
    return { kind: 'retap' };
  }

  return {
    bind: async (detail) => {
      const event = readPhoneEvent(detail);
      if (event.kind !== 'proof') return event;
      if (!session.current) return signInForRetap();
      try {
        const { user } = await requests.call(phoneRoute, event.proof, { signInIfNeeded: false });
        session.replaceUser(user);
        return { kind: 'bound', user };
      } catch (error) {
        if (!needsLoginBeforeRetap(error)) throw error;
        return signInForRetap();
      }
    },
    simulatesButton: platform.simulatePhoneTap !== undefined,
    simulateTap: () => {
      if (!platform.simulatePhoneTap) {
        return Promise.reject(new Error('this platform has a native phone button'));
      }
      return platform.simulatePhoneTap();
    },
  };
}

/**
 * Whether a refused phone binding calls for a silent login and one more tap, decided by the
 * catalogue's action for the API's answer. The other answers reject, and the page shows the
 * catalogue's message.
 */
function needsLoginBeforeRetap(error: unknown): boolean {
  if (error instanceof SignedOutError) return true;
  switch (clientActionOf(error)) {
    case 'login-again-then-retap':
    case 'login-again':
      return true;
    // retap: the message asks for a new tap, and a login would not change its data.
    // renew-session: the request wrapper already renewed the session once for this request.
    // undefined: a network failure or a broken answer, which says nothing about the session.
    case 'retap':
    case 'renew-session':
    case 'retry-later':
    case 'show-message':
    case undefined:
      return false;
  }
}
