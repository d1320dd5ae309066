import type { WxLoginSettings } from '../options/wxlogin-options';
import { silentLogger } from '../../test/support/silent-logger';
import { SessionPurger } from './session-purger';
import type { SessionsRepository } from './sessions.repository';

function purgerWith(purgeDead: jest.Mock, sessionPurgeIntervalSeconds: number) {
  return new SessionPurger(
    {
      purgeDead,
      clearExpiredSuccessors: () => Promise.resolve(0),
    } as unknown as SessionsRepository,
    { sessionRetentionDays: 30, sessionPurgeIntervalSeconds } as WxLoginSettings,
    silentLogger,
  );
}

describe('SessionPurger', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should purge every interval, batch after batch until a short one', async () => {
    const purgeDead = jest
      .fn()
      .mockResolvedValueOnce(1000)
      .mockResolvedValueOnce(1000)
      .mockResolvedValue(7);
    const purger = purgerWith(purgeDead, 60);
    purger.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59_000);
    expect(purgeDead).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(purgeDead).toHaveBeenCalledTimes(3);
    expect(purgeDead).toHaveBeenCalledWith(30, 1000);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(purgeDead).toHaveBeenCalledTimes(4);
    await purger.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(purgeDead).toHaveBeenCalledTimes(4);
  });

  it('should never start when the interval is 0', async () => {
    const purgeDead = jest.fn().mockResolvedValue(0);
    const purger = purgerWith(purgeDead, 0);
    purger.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(7 * 86_400_000);
    expect(purgeDead).not.toHaveBeenCalled();
  });

  it('should join a purge under way instead of starting a second, and survive a failure', async () => {
    let finish: (deleted: number) => void = () => undefined;
    const purgeDead = jest
      .fn()
      .mockImplementationOnce(() => new Promise<number>((resolve) => (finish = resolve)))
      .mockRejectedValueOnce(new Error('connection lost'))
      .mockResolvedValue(0);
    const purger = purgerWith(purgeDead, 0);
    const first = purger.purgeNow();
    const second = purger.purgeNow();
    expect(second).toBe(first);
    finish(3);
    await expect(first).resolves.toBe(3);
    await expect(purger.purgeNow()).rejects.toThrow('connection lost');
    await expect(purger.purgeNow()).resolves.toBe(0);
  });
});
