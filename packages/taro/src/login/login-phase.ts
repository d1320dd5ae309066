import { type SignInFailure, signInFailureOf } from '../messages.js';

/**
 * A login page's four phases: the silent login running, ready for the phone button, a phone tap
 * being bound, or the silent login failed (with what to show and whether a retry can help).
 */
export type LoginPhase =
  | { name: 'signing-in' }
  | { name: 'ready' }
  | { name: 'binding' }
  | { name: 'failed'; failure: SignInFailure };

/** What happens to a login page. */
export type LoginPhaseEvent =
  | { type: 'signed-in' }
  | { type: 'sign-in-failed'; error: unknown }
  | { type: 'retry' }
  | { type: 'phone-tapped' }
  | { type: 'phone-settled' };

export const INITIAL_LOGIN_PHASE: LoginPhase = { name: 'signing-in' };

/**
 * The next phase; an event that does not fit the phase (a tap while signing in, a retry the
 * failure does not allow) leaves it as it is.
 */
export function nextLoginPhase(phase: LoginPhase, event: LoginPhaseEvent): LoginPhase {
  switch (event.type) {
    case 'signed-in':
      return phase.name === 'signing-in' ? { name: 'ready' } : phase;
    case 'sign-in-failed':
      return phase.name === 'signing-in'
        ? { name: 'failed', failure: signInFailureOf(event.error) }
        : phase;
    case 'retry':
      return phase.name === 'failed' && phase.failure.canRetry ? { name: 'signing-in' } : phase;
    case 'phone-tapped':
      return phase.name === 'ready' ? { name: 'binding' } : phase;
    case 'phone-settled':
      return phase.name === 'binding' ? { name: 'ready' } : phase;
  }
}
