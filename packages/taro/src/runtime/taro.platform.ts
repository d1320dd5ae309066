import Taro from '@tarojs/taro';
import { taroStorage } from './taro-storage.js';
import type { AuthPlatform, ClientKind, HttpResponse } from '../platform.js';

/**
 * 企业微信 runs WeChat mini-programs but adds `environment: 'wxwork'` to `getSystemInfo` (WeChat
 * leaves it out); its login is `wx.qy.login`, whose code only 企业微信's own exchange accepts.
 * https://developer.work.weixin.qq.com/document/path/91511
 */
function detectClient(): ClientKind {
  if (process.env.TARO_ENV !== 'weapp') return 'unsupported';
  const { environment } = Taro.getSystemInfoSync() as { environment?: string };
  return environment === 'wxwork' ? 'wxwork' : 'wechat';
}

/** The mini-program runtime through Taro: `wx.login`, `wx.request`, `wx.uploadFile`, storage. */
export function createTaroPlatform(): AuthPlatform {
  return {
    client: detectClient(),
    async getLoginCode() {
      const { code } = await Taro.login();
      return code;
    },
    async checkSession() {
      // Rejects when WeChat no longer holds the login state of the last login code.
      return Taro.checkSession().then(
        () => true,
        () => false,
      );
    },
    async request({ method, url, headers, body }): Promise<HttpResponse> {
      const response = await Taro.request<unknown>({
        url,
        method,
        header: headers,
        data: body,
        dataType: 'json',
      });
      return { status: response.statusCode, body: response.data };
    },
    async uploadFile({ url, filePath, fieldName, headers }): Promise<HttpResponse> {
      const response = await Taro.uploadFile({ url, filePath, name: fieldName, header: headers });
      // uploadFile hands back the body as text whatever its type.
      return { status: response.statusCode, body: parseJson(response.data) };
    },
    storage: taroStorage,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
