import { clientActionOf, NetworkError } from '../errors.js';

/**
 * How a silent login that met a temporary failure is tried again. Each try asks WeChat for a
 * fresh login code: a code is single-use, and one sent to the API may already have been used up
 * at WeChat even when the answer was a failure (a timeout).
 */
export interface LoginRetryPolicy {
  /** Tries in all, the first one included (1 = never retry). */
  attempts: number;
  /** Back-off ceiling before the first retry; it doubles for each later one. */
  baseDelayMs: number;
  /** The back-off ceiling never grows past this. */
  maxDelayMs: number;
}

/**
 * Five tries over about 3–6 s: enough to ride out WeChat's short busy spells (errcode -1) and
 * timeouts, and a database fail-over, without keeping the user waiting long on a real outage.
 */
export const DEFAULT_LOGIN_RETRY: LoginRetryPolicy = {
  attempts: 5,
  baseDelayMs: 400,
  maxDelayMs: 4_000,
};

/**
 * Whether a failed login may succeed if tried again later: the API answered with the catalogue's
 * `retry-later` action (WeChat busy or unreachable, a dependency down, a rate limit), or no answer
 * arrived at all. Anything else would fail the same way again.
 */
export function isTemporaryLoginFailure(error: unknown): boolean {
  return error instanceof NetworkError || clientActionOf(error) === 'retry-later';
}

/**
 * Back-off before retry number `retry` (1 = the first retry): exponential with "equal jitter" —
 * half of the ceiling fixed, half random — so that clients failed by one outage do not come back
 * in lock-step, and none comes back at once.
 * @param random a number in [0, 1)
 */
export function loginRetryDelayMs(retry: number, policy: LoginRetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
