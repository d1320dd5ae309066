import { Injectable } from '@nestjs/common';
import { WECHAT_ENDPOINTS } from '@wxlogin/wechat-protocol';
import * as z from 'zod';
import { ApiError } from '../common/api-error';
import type { WxApp } from '../options/wxlogin-options';
import { wechatFailureToApiError } from '../wechat/wechat-error.mapper';
import { WechatHttpClient, zodReplyParser } from '../wechat/wechat-http.client';
import { WechatService } from '../wechat/wechat.service';
import type { PhoneNumber } from './phone-number';

const parsePhoneNumberReply = zodReplyParser(
  z.object({
    phone_info: z.object({
      phoneNumber: z.string().min(1).max(32),
      purePhoneNumber: z.string().min(1).max(32),
      // The doc's example shows a number, its field table a string: accept both.
      countryCode: z.union([z.string(), z.number()]).transform(String),
      // The app the phone code was issued to. WeChat documents it on every reply; a reply
      // without one has nothing to check.
      watermark: z.object({ appid: z.string() }).optional(),
    }),
  }),
);

/**
 * A phone code (from the `getPhoneNumber` button) exchanged with WeChat's
 * `phonenumber.getPhoneNumber` (`wxa/business/getuserphonenumber`) for the number it stands for.
 */
@Injectable()
export class PhoneCodeExchange {
  constructor(
    private readonly http: WechatHttpClient,
    private readonly wechat: WechatService,
  ) {}

  /** `openid` lets WeChat check that the code and the user belong together. */
  async exchange(app: WxApp, code: string, openid?: string): Promise<PhoneNumber> {
    try {
      const reply = await this.wechat.callWithAccessToken(app, (accessToken) =>
        this.http.request({
          path: WECHAT_ENDPOINTS.getPhoneNumber.path,
          query: { access_token: accessToken },
          body: openid === undefined ? { code } : { code, openid },
          success: parsePhoneNumberReply,
        }),
      );
      const { phoneNumber, purePhoneNumber, countryCode, watermark } = reply.phone_info;
      if (watermark !== undefined && watermark.appid !== app.appId) {
        // A phone number for another app's user: a proxy or a configuration mixing apps up.
        throw new ApiError('WATERMARK_MISMATCH', 'phone number stamped for another app');
      }
      return { phoneNumber, purePhoneNumber, countryCode };
    } catch (error) {
      throw wechatFailureToApiError('phone', error);
    }
  }
}
