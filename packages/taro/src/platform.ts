import type { WechatRequestMethod } from '@wxlogin/wechat-protocol/wx-request';
import type { KeyValueStorage } from './session/key-value-storage.js';

/** The methods `wx.request` accepts (PATCH is not one): the kit's requests use no other. */
export { WECHAT_REQUEST_METHODS } from '@wxlogin/wechat-protocol/wx-request';

/** An HTTP request as the login flow makes it: JSON in, JSON out. */
export interface HttpRequest {
  method: WechatRequestMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A multipart upload of one local file (the `chooseAvatar` temporary path). */
export interface FileUploadRequest {
  url: string;
  filePath: string;
  fieldName: string;
  headers: Record<string, string>;
}

/** What came back: the status and the body, parsed as JSON when it was JSON. */
export interface HttpResponse {
  status: number;
  body: unknown;
}

/**
 * What the `getPhoneNumber` button hands to its handler (`e.detail`). Taro's own type lacks
 * `errno`, which WeChat sets for quota and privacy failures.
 */
export interface PhoneEventDetail {
  errMsg: string;
  errno?: number;
  code?: string;
  encryptedData?: string;
  iv?: string;
}

/**
 * Which client runs the app: WeChat itself (or the simulator playing it), 企业微信, or a runtime
 * whose login code WeChat's `jscode2session` would not accept (another Taro target).
 */
export type ClientKind = 'wechat' | 'wxwork' | 'unsupported';

/**
 * Everything the login flow needs from the runtime it runs in. The mini-program implements it
 * with `wx` (Taro), the H5 preview and the tests with the WeChat simulator's client side.
 */
export interface AuthPlatform {
  /** Only `'wechat'` may log in: the flow refuses the others before asking for a login code. */
  client: ClientKind;
  /** `wx.login`: a fresh single-use login code. */
  getLoginCode(): Promise<string>;
  /** `wx.checkSession`: whether WeChat still holds the login state from the last login code. */
  checkSession(): Promise<boolean>;
  /** Sends one request; rejects only when no HTTP answer arrived. */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Uploads one local file; rejects only when no HTTP answer arrived. */
  uploadFile(request: FileUploadRequest): Promise<HttpResponse>;
  storage: KeyValueStorage;
  /**
   * Only where no native `getPhoneNumber` button exists (H5 preview, tests): what the button's
   * event would carry if the user tapped it now.
   */
  simulatePhoneTap?(): Promise<PhoneEventDetail>;
}
