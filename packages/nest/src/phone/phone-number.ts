import type { PhoneInfo } from '@wxlogin/wechat-protocol';

/**
 * A phone number WeChat vouches for, however it arrived: `getuserphonenumber`'s `phone_info` or a
 * legacy `encryptedData` payload (both carry these three fields, plus a watermark we check first).
 */
export type PhoneNumber = Readonly<
  Pick<PhoneInfo, 'phoneNumber' | 'purePhoneNumber' | 'countryCode'>
>;
