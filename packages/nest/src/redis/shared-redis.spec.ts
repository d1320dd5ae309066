import type { WxLoginSettings } from '../options/wxlogin-options';
import type { WxLoginLogger } from '../common/logger';
import { SharedRedis } from './shared-redis';

describe('SharedRedis', () => {
  afterEach(() => jest.useRealTimers());

  it('should connect to nothing without REDIS_URL', () => {
    const redis = new SharedRedis({ redisUrl: undefined } as WxLoginSettings, {} as WxLoginLogger);
    expect(redis.client).toBeUndefined();
  });

  it('should warn at most every 10 s, counting the failures in between, without the URL', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const warn = jest.fn();
    const redis = new SharedRedis(
      { redisUrl: undefined } as WxLoginSettings,
      {
        warn,
      } as unknown as WxLoginLogger,
    );
    redis.warnUnavailable('rate limit', new Error('Command timed out'));
    redis.warnUnavailable('rate limit', new Error('Command timed out'));
    redis.warnUnavailable('rate limit', new Error('Command timed out'));
    expect(warn).toHaveBeenCalledTimes(1);
    jest.setSystemTime(1_000_000 + 10_000);
    redis.warnUnavailable('code exchange', new Error('Connection is closed.'));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenLastCalledWith(
      { purpose: 'code exchange', failures: 3, reason: 'Connection is closed.' },
      expect.any(String),
    );
  });
});
