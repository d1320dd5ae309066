import { isIP } from 'node:net';
import { WECHAT_REQUEST_METHODS } from '@wxlogin/wechat-protocol';

/**
 * The rules WeChat enforces on a mini-program at run time, as the host applies them. Sources:
 * wx.request (methods): WECHAT_REQUEST_METHODS of @wxlogin/wechat-protocol
 * network domains: https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
 * setData: https://developers.weixin.qq.com/miniprogram/dev/reference/api/Page.html#Page-prototype-setData-Object-data-Function-callback
 * storage: https://developers.weixin.qq.com/miniprogram/dev/api/storage/wx.setStorageSync.html
 */
export const SET_DATA_MAX_BYTES = 1024 * 1024;
export const STORAGE_KEY_MAX_BYTES = 1024 * 1024;
export const STORAGE_TOTAL_MAX_BYTES = 10 * 1024 * 1024;

/** A call the real platform would refuse; the host refuses it the same way and records it. */
export class PlatformRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformRuleError';
  }
}

/**
 * Checks a domain-list entry as the WeChat console does: https, a name (no IP, no localhost).
 * Returns the origin.
 */
export function checkDomainEntry(entry: string): string {
  const url = new URL(entry);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'https:' || isIP(host) !== 0 || host === 'localhost') {
    throw new PlatformRuleError(
      `${entry} cannot be on a domain list: https and a domain name only`,
    );
  }
  return url.origin;
}

/** The origin of `url` when WeChat would send to it with this domain list, else the reason not. */
export function checkRequestUrl(
  api: string,
  url: string,
  domains: ReadonlySet<string>,
): { origin: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PlatformRuleError(`${api}:fail invalid url "${url}"`);
  }
  if (parsed.protocol !== 'https:') {
    throw new PlatformRuleError(`${api}:fail url must be https: "${url}"`);
  }
  if (!domains.has(parsed.origin)) {
    throw new PlatformRuleError(`${api}:fail url not in domain list: "${parsed.origin}"`);
  }
  return { origin: parsed.origin };
}

/** The upper-case method when wx.request accepts it (default GET). */
export function checkRequestMethod(method: unknown): string {
  const upper = typeof method === 'string' ? method.toUpperCase() : 'GET';
  if (!(WECHAT_REQUEST_METHODS as readonly string[]).includes(upper)) {
    throw new PlatformRuleError(`request:fail method ${upper} is invalid`);
  }
  return upper;
}
