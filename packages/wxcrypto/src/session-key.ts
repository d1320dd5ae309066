import { createHmac, randomBytes } from 'node:crypto';

/**
 * Signs with the user's session_key as `wxa/checksession` and `wxa/resetusersessionkey` require:
 * HMAC-SHA256 over `body`, lowercase hex. The HMAC key is the session_key TEXT (its base64
 * characters), not the 16 decoded bytes; only that reproduces WeChat's own example.
 * https://developers.weixin.qq.com/minigame/dev/tutorial/open-ability/http-signature.html
 *
 * @param sessionKey - the session_key text exactly as code2Session returned it
 * @param body - the exact POST body; `''` for GET requests such as checksession
 */
export function signWithSessionKey(sessionKey: string, body = ''): string {
  return createHmac('sha256', Buffer.from(sessionKey, 'utf8')).update(body, 'utf8').digest('hex');
}

/**
 * A fresh random session_key as WeChat issues them: 16 random bytes, base64 (24 characters).
 * For the simulator.
 */
export function generateSessionKey(): string {
  return randomBytes(16).toString('base64');
}
