import type { WxLoginSettings } from '../options/wxlogin-options';
import { ApiError } from '../common/api-error';
import { silentLogger } from '../../test/support/silent-logger';
import { SharedRedis } from '../redis/shared-redis';
import type { WechatService } from '../wechat/wechat.service';
import type { WechatSession } from '../wechat/wechat-session';
import { LoginCodeExchange, LATE_TAP_GRACE_MS } from './login-code-exchange';

const APP = { appId: 'wx5f3c9a2b7d1e4c60', secret: 's' };
const SESSION: WechatSession = { openid: 'o1', sessionKey: 'k', unionid: undefined };

const CONFIG = {
  redisUrl: undefined,
  sessionKeyEncryptionKey: Buffer.alloc(32, 7),
  wechatTimeoutMs: 5_000,
} as WxLoginSettings;

/** The per-process guard: no REDIS_URL (the shared one is tested end to end). */
function exchangeWith(code2Session: jest.Mock) {
  return new LoginCodeExchange(
    { code2Session } as unknown as WechatService,
    new SharedRedis(CONFIG, silentLogger),
    CONFIG,
  );
}

describe('LoginCodeExchange', () => {
  it('should exchange a double-tapped code with WeChat once and give both callers the result', async () => {
    let resolve: (session: WechatSession) => void = () => undefined;
    const code2Session = jest.fn(() => new Promise<WechatSession>((r) => (resolve = r)));
    const exchange = exchangeWith(code2Session);
    const first = exchange.exchange(APP, 'code-1');
    const second = exchange.exchange(APP, 'code-1');
    resolve(SESSION);
    await expect(Promise.all([first, second])).resolves.toEqual([SESSION, SESSION]);
    // A tap arriving just after still gets the kept outcome.
    await expect(exchange.exchange(APP, 'code-1')).resolves.toBe(SESSION);
    expect(code2Session).toHaveBeenCalledTimes(1);
  });

  it('should keep a failure too, so a late second tap does not re-send a consumed code', async () => {
    const code2Session = jest.fn().mockRejectedValue(new ApiError('WX_UNAVAILABLE'));
    const exchange = exchangeWith(code2Session);
    await expect(exchange.exchange(APP, 'code-2')).rejects.toMatchObject({
      code: 'WX_UNAVAILABLE',
    });
    await expect(exchange.exchange(APP, 'code-2')).rejects.toMatchObject({
      code: 'WX_UNAVAILABLE',
    });
    expect(code2Session).toHaveBeenCalledTimes(1);
  });

  it('should exchange different codes, or one code for different apps, separately', async () => {
    const code2Session = jest.fn().mockResolvedValue(SESSION);
    const exchange = exchangeWith(code2Session);
    await exchange.exchange(APP, 'a');
    await exchange.exchange(APP, 'b');
    await exchange.exchange({ appId: 'wx0000000000000001', secret: 's' }, 'a');
    expect(code2Session).toHaveBeenCalledTimes(3);
  });

  it('should forget a settled outcome after the grace time, so a late replay reaches WeChat', async () => {
    jest.useFakeTimers();
    try {
      const code2Session = jest.fn().mockResolvedValue(SESSION);
      const exchange = exchangeWith(code2Session);
      await exchange.exchange(APP, 'late');
      jest.advanceTimersByTime(LATE_TAP_GRACE_MS - 1);
      await exchange.exchange(APP, 'late');
      expect(code2Session).toHaveBeenCalledTimes(1);
      // Kept for at most two grace times after settling, then WeChat answers (40163 for real).
      jest.advanceTimersByTime(LATE_TAP_GRACE_MS + 1);
      await exchange.exchange(APP, 'late');
      expect(code2Session).toHaveBeenCalledTimes(2);
      exchange.onModuleDestroy();
    } finally {
      jest.useRealTimers();
    }
  });

  it('should keep an exchange shared while it is in flight, however long WeChat takes', async () => {
    jest.useFakeTimers();
    try {
      let resolve: (session: WechatSession) => void = () => undefined;
      const code2Session = jest.fn(() => new Promise<WechatSession>((r) => (resolve = r)));
      const exchange = exchangeWith(code2Session);
      const first = exchange.exchange(APP, 'slow');
      jest.advanceTimersByTime(LATE_TAP_GRACE_MS * 5);
      const second = exchange.exchange(APP, 'slow');
      resolve(SESSION);
      await expect(Promise.all([first, second])).resolves.toEqual([SESSION, SESSION]);
      expect(code2Session).toHaveBeenCalledTimes(1);
      exchange.onModuleDestroy();
    } finally {
      jest.useRealTimers();
    }
  });
});
