import type { UserView } from '@wxlogin/contracts';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { INITIAL_LOGIN_PHASE, type LoginPhase, nextLoginPhase } from '../login/login-phase.js';
import type { PhoneLoginOutcome } from '../phone/phone-login.js';
import type { PhoneEventDetail } from '../platform.js';
import { useWxLogin } from './wxlogin-context.js';

export interface UseLoginOptions {
  /**
   * Called once the silent login succeeded. Answer `'leaving'` when the page moves on (say, to
   * the home page of a user who already bound a phone): the phase then stays `signing-in` instead
   * of showing the phone button on the way out.
   */
  onSignedIn?: (user: UserView) => 'leaving' | 'staying';
}

export interface LoginPage {
  readonly phase: LoginPhase;
  /** Signs in again after a failure that allows it. */
  readonly retry: () => void;
  /** Binds a phone-button event (`binding` while it runs); rejects as `phone.bind` does. */
  readonly bindPhone: (detail: PhoneEventDetail) => Promise<PhoneLoginOutcome>;
}

/** A login page: the silent login when it mounts, then the phone button ({@link LoginPhase}). */
export function useLogin({ onSignedIn }: UseLoginOptions = {}): LoginPage {
  const client = useWxLogin();
  const [phase, dispatch] = useReducer(nextLoginPhase, INITIAL_LOGIN_PHASE);
  // The latest callback, without signing in again each time the page passes a new one.
  const onSignedInRef = useRef(onSignedIn);
  useEffect(() => {
    onSignedInRef.current = onSignedIn;
  });

  const signIn = useCallback(
    () =>
      client.start().then(
        (user) => {
          if (onSignedInRef.current?.(user) !== 'leaving') dispatch({ type: 'signed-in' });
        },
        (error: unknown) => dispatch({ type: 'sign-in-failed', error }),
      ),
    [client],
  );

  useEffect(() => {
    void signIn();
  }, [signIn]);

  const retryAllowed = phase.name === 'failed' && phase.failure.canRetry;
  const retry = useCallback(() => {
    if (!retryAllowed) return;
    dispatch({ type: 'retry' });
    void signIn();
  }, [retryAllowed, signIn]);

  const bindPhone = useCallback(
    async (detail: PhoneEventDetail) => {
      dispatch({ type: 'phone-tapped' });
      try {
        return await client.phone.bind(detail);
      } finally {
        dispatch({ type: 'phone-settled' });
      }
    },
    [client],
  );

  return { phase, retry, bindPhone };
}
