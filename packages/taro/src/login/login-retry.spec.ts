import { ERROR_CATALOGUE, ERROR_CODES } from '@wxlogin/contracts';
import { ApiError, NetworkError, UnexpectedResponseError } from '../errors.js';
import {
  DEFAULT_LOGIN_RETRY,
  isTemporaryLoginFailure,
  type LoginRetryPolicy,
  loginRetryDelayMs,
} from './login-retry.js';

describe('isTemporaryLoginFailure', () => {
  it('should retry exactly the codes the catalogue marks retryable', () => {
    for (const code of ERROR_CODES) {
      const error = new ApiError(code, ERROR_CATALOGUE[code].status, 'req-1');
      expect([code, isTemporaryLoginFailure(error)]).toEqual([
        code,
        ERROR_CATALOGUE[code].retryable,
      ]);
    }
  });

  it('should retry when no answer arrived, and not on a broken answer', () => {
    expect(isTemporaryLoginFailure(new NetworkError('request:fail timeout'))).toBe(true);
    expect(isTemporaryLoginFailure(new UnexpectedResponseError(200, 'off contract'))).toBe(false);
    expect(isTemporaryLoginFailure(new Error('wx.login failed'))).toBe(false);
  });
});

describe('loginRetryDelayMs', () => {
  const policy: LoginRetryPolicy = { attempts: 6, baseDelayMs: 400, maxDelayMs: 4_000 };

  it('should double the ceiling per retry up to the maximum, keeping half of it fixed', () => {
    const lowest = [1, 2, 3, 4, 5].map((retry) => loginRetryDelayMs(retry, policy, 0));
    const highest = [1, 2, 3, 4, 5].map((retry) => loginRetryDelayMs(retry, policy, 0.999_999));
    expect(lowest).toEqual([200, 400, 800, 1_600, 2_000]);
    expect(highest).toEqual([400, 800, 1_600, 3_200, 4_000]);
  });

  it('should spread clients failed at the same moment', () => {
    const delays = new Set([0.1, 0.4, 0.7].map((random) => loginRetryDelayMs(2, policy, random)));
    expect(delays.size).toBe(3);
  });

  it('should retry by default, within a few seconds in all', () => {
    expect(DEFAULT_LOGIN_RETRY.attempts).toBeGreaterThan(1);
    const retries = Array.from({ length: DEFAULT_LOGIN_RETRY.attempts - 1 }, (_, i) => i + 1);
    const longest = retries.reduce(
      (sum, retry) => sum + loginRetryDelayMs(retry, DEFAULT_LOGIN_RETRY, 0.999_999),
      0,
    );
    expect(longest).toBeLessThanOrEqual(10_000);
  });
});
