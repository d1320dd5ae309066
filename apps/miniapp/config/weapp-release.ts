/**
 * What a weapp build for upload must be given, checked before anything is built. Real WeChat sends
 * requests only to https hosts on the app's request-domain list (no IP address, no localhost) and
 * uploads only to hosts on its separate uploadFile list:
 * https://developers.weixin.qq.com/miniprogram/dev/framework/ability/network.html
 */
export interface WeappRelease {
  appId: string;
  apiBase: string;
  /** Hosts for 开发管理 → 服务器域名 → request合法域名. */
  requestDomains: string[];
  /** Hosts for uploadFile合法域名 (the avatar upload). */
  uploadFileDomains: string[];
}

/** A release variable is missing or would not work on a phone. */
export class WeappReleaseError extends Error {
  constructor(
    readonly variable: 'TARO_APP_ID' | 'TARO_APP_API_BASE',
    problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'WeappReleaseError';
  }
}

/** An AppID as the WeChat console shows it; `touristappid` is DevTools' placeholder. */
const APP_ID = /^wx[0-9a-f]{16}$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function isLocalOrAddress(hostname: string): boolean {
  return (
    IPV4.test(hostname) ||
    hostname.startsWith('[') ||
    hostname === 'localhost' ||
    hostname.endsWith('.localhost')
  );
}

/** Checks `TARO_APP_ID` and `TARO_APP_API_BASE` for an upload build; throws the first problem. */
export function readWeappRelease(env: NodeJS.ProcessEnv): WeappRelease {
  const appId = env.TARO_APP_ID?.trim() ?? '';
  if (!APP_ID.test(appId)) {
    throw new WeappReleaseError(
      'TARO_APP_ID',
      `must be the mini-program's AppID ("wx" and 16 hex digits, from 开发管理 → 开发设置), got ${JSON.stringify(appId)}`,
    );
  }
  const apiBase = env.TARO_APP_API_BASE?.trim() ?? '';
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new WeappReleaseError(
      'TARO_APP_API_BASE',
      `must be the API's https URL (e.g. https://api.example.com), got ${JSON.stringify(apiBase)}`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new WeappReleaseError(
      'TARO_APP_API_BASE',
      `must use https (WeChat refuses plain http on phones), got ${JSON.stringify(apiBase)}`,
    );
  }
  if (isLocalOrAddress(url.hostname)) {
    throw new WeappReleaseError(
      'TARO_APP_API_BASE',
      `must name a registered domain, not an IP address or localhost (WeChat's domain lists accept neither), got ${JSON.stringify(apiBase)}`,
    );
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new WeappReleaseError(
      'TARO_APP_API_BASE',
      `must be an origin without a path (the client adds /api/...), got ${JSON.stringify(apiBase)}`,
    );
  }
  const domain = url.origin;
  return { appId, apiBase: domain, requestDomains: [domain], uploadFileDomains: [domain] };
}

/** The lines the release build prints once the bundle is written. */
export function describeWeappRelease(release: WeappRelease, outputRoot: string): string {
  return [
    `weapp release build for ${release.appId} in ${outputRoot} (API ${release.apiBase}).`,
    'Add in the WeChat console, 开发管理 → 开发设置 → 服务器域名:',
    `  request合法域名:    ${release.requestDomains.join(', ')}`,
    `  uploadFile合法域名: ${release.uploadFileDomains.join(', ')}`,
  ].join('\n');
}
