import type { ExecutionContext } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { ApiError } from './api-error';
import { RateLimitGuard } from './rate-limit.guard';

const contextFrom = (ip: string) =>
  ({ switchToHttp: () => ({ getRequest: () => ({ ip }) }) }) as unknown as ExecutionContext;

describe('RateLimitGuard', () => {
  afterEach(() => jest.useRealTimers());

  it('should allow RATE_LIMIT_PER_MINUTE requests per IP per minute, then answer RATE_LIMITED', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const guard = new RateLimitGuard({ rateLimitPerMinute: 2 } as AppConfig);
    expect(guard.canActivate(contextFrom('1.1.1.1'))).toBe(true);
    expect(guard.canActivate(contextFrom('1.1.1.1'))).toBe(true);
    expect(() => guard.canActivate(contextFrom('1.1.1.1'))).toThrow(new ApiError('RATE_LIMITED'));
    // Another client is counted on its own; a new minute starts afresh.
    expect(guard.canActivate(contextFrom('2.2.2.2'))).toBe(true);
    jest.setSystemTime(1_000_000 + 60_000);
    expect(guard.canActivate(contextFrom('1.1.1.1'))).toBe(true);
  });
});
