import Taro from '@tarojs/taro';
import { taroStorage } from '../stores/taro-storage';
import type { AuthPlatform, HttpResponse } from './auth.platform';

/** The mini-program runtime through Taro: `wx.login`, `wx.request`, `wx.uploadFile`, storage. */
export function createTaroPlatform(): AuthPlatform {
  return {
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
