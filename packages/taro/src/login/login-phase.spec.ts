import { ApiError, NetworkError } from '../errors.js';
import { NO_ANSWER_MESSAGE } from '../messages.js';
import {
  INITIAL_LOGIN_PHASE,
  type LoginPhase,
  type LoginPhaseEvent,
  nextLoginPhase,
} from './login-phase.js';

const run = (...events: LoginPhaseEvent[]): LoginPhase =>
  events.reduce(nextLoginPhase, INITIAL_LOGIN_PHASE);

describe('nextLoginPhase', () => {
  it('should go from the silent login to the phone button, to binding and back', () => {
    expect(run()).toEqual({ name: 'signing-in' });
    expect(run({ type: 'signed-in' })).toEqual({ name: 'ready' });
    expect(run({ type: 'signed-in' }, { type: 'phone-tapped' })).toEqual({ name: 'binding' });
    expect(run({ type: 'signed-in' }, { type: 'phone-tapped' }, { type: 'phone-settled' })).toEqual(
      { name: 'ready' },
    );
  });

  it('should show a failed silent login and sign in again on retry', () => {
    const failed = run({ type: 'sign-in-failed', error: new NetworkError('request:fail') });
    expect(failed).toEqual({
      name: 'failed',
      failure: { message: NO_ANSWER_MESSAGE, answered: false, canRetry: true },
    });
    expect(nextLoginPhase(failed, { type: 'retry' })).toEqual({ name: 'signing-in' });
  });

  it('should not retry a failure the catalogue says retrying cannot help', () => {
    const blocked = run({
      type: 'sign-in-failed',
      error: new ApiError('WX_USER_BLOCKED', 403, 'r'),
    });
    expect(blocked).toMatchObject({ name: 'failed', failure: { canRetry: false } });
    expect(nextLoginPhase(blocked, { type: 'retry' })).toBe(blocked);
  });

  it.each<[string, LoginPhaseEvent[], LoginPhaseEvent]>([
    ['a tap while signing in', [], { type: 'phone-tapped' }],
    [
      'a second tap while binding',
      [{ type: 'signed-in' }, { type: 'phone-tapped' }],
      { type: 'phone-tapped' },
    ],
    ['a retry when nothing failed', [{ type: 'signed-in' }], { type: 'retry' }],
    [
      'a late sign-in result while binding',
      [{ type: 'signed-in' }, { type: 'phone-tapped' }],
      { type: 'sign-in-failed', error: new Error('late') },
    ],
    ['a settled tap that never started', [{ type: 'signed-in' }], { type: 'phone-settled' }],
  ])('should ignore %s', (_, before, event) => {
    const phase = run(...before);
    expect(nextLoginPhase(phase, event)).toBe(phase);
  });
});
