import { withBusyRetry } from './busy-retry';
import { WechatApiError, WechatTransportError } from './wechat.errors';

describe('withBusyRetry', () => {
  it('should retry WeChat busy (-1) twice, then give up with the last error', async () => {
    const attempt = jest.fn().mockRejectedValue(new WechatApiError('/x', -1, 'busy'));
    await expect(withBusyRetry(attempt)).rejects.toMatchObject({ errcode: -1 });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('should succeed when a retry after -1 succeeds', async () => {
    const attempt = jest
      .fn()
      .mockRejectedValueOnce(new WechatApiError('/x', -1, 'busy'))
      .mockResolvedValueOnce('ok');
    await expect(withBusyRetry(attempt)).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('should never repeat a call that timed out or failed on the network', async () => {
    const attempt = jest.fn().mockRejectedValue(new WechatTransportError('/x', 'timed out'));
    await expect(withBusyRetry(attempt)).rejects.toBeInstanceOf(WechatTransportError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('should never repeat a call WeChat refused with another errcode', async () => {
    const attempt = jest.fn().mockRejectedValue(new WechatApiError('/x', 40163, 'code been used'));
    await expect(withBusyRetry(attempt)).rejects.toMatchObject({ errcode: 40163 });
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
