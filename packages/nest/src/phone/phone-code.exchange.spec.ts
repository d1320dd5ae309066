import { ApiError } from '../common/api-error';
import { silentLogger } from '../../test/support/silent-logger';
import type { WechatAccessTokenProvider } from '../wechat/wechat-access-token.provider';
import type { WechatHttpClient, WechatRequest } from '../wechat/wechat-http.client';
import { WechatService } from '../wechat/wechat.service';
import { PhoneCodeExchange } from './phone-code.exchange';

const APP = { appId: 'wx5f3c9a2b7d1e4c60', secret: 's' };

/** A PhoneCodeExchange whose HTTP client answers `reply` to every call, through the real parsers. */
function exchangeAnswering(reply: unknown) {
  const http = {
    request: <T>(request: WechatRequest<T>) => Promise.resolve(request.success(reply)),
  } as unknown as WechatHttpClient;
  const wechatAccessTokens = {
    get: () => Promise.resolve('access-token'),
    replaceRejected: () => Promise.resolve('another-access-token'),
  } as unknown as WechatAccessTokenProvider;
  return new PhoneCodeExchange(http, new WechatService(http, wechatAccessTokens, silentLogger));
}

function phoneReply(watermark?: { appid: string; timestamp: number }) {
  return {
    errcode: 0,
    errmsg: 'ok',
    phone_info: {
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: 86,
      ...(watermark === undefined ? {} : { watermark }),
    },
  };
}

describe('PhoneCodeExchange', () => {
  it("should give the phone number when the watermark names this app, without WeChat's extras", async () => {
    const phoneCodes = exchangeAnswering(
      phoneReply({ appid: APP.appId, timestamp: 1_700_000_000 }),
    );
    await expect(phoneCodes.exchange(APP, 'phone-code')).resolves.toEqual({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
    });
  });

  it('should refuse a phone number stamped for another app (WATERMARK_MISMATCH)', async () => {
    const phoneCodes = exchangeAnswering(
      phoneReply({ appid: 'wx0000000000000001', timestamp: 1_700_000_000 }),
    );
    const failure = phoneCodes.exchange(APP, 'phone-code');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ code: 'WATERMARK_MISMATCH' });
  });

  it('should accept a reply without a watermark (nothing to check)', async () => {
    const phoneCodes = exchangeAnswering(phoneReply());
    await expect(phoneCodes.exchange(APP, 'phone-code')).resolves.toMatchObject({
      purePhoneNumber: '13800138000',
    });
  });
});
