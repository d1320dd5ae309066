import { DEV_APP } from '@wxlogin/wechat-sim';

/**
 * Another server with the same AppID forces a new stable access_token (`force_refresh: true`):
 * every token handed out before is rejected at once (40001).
 */
export async function forceStableTokenRefresh(wechatUrl: string): Promise<void> {
  const response = await fetch(`${wechatUrl}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credential',
      appid: DEV_APP.appId,
      secret: DEV_APP.secret,
      force_refresh: true,
    }),
  });
  if (response.status !== 200) {
    throw new Error(`forced stable_token refresh answered HTTP ${response.status}`);
  }
}
