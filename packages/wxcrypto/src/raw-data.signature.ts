import { createHash, timingSafeEqual } from 'node:crypto';

// signature = sha1(rawData + session_key), hex; rawData hashed exactly as received, never re-serialised.
// https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html

/**
 * Computes the signature WeChat attaches to `rawData`: `sha1(rawData + sessionKey)` as lowercase hex.
 * For the simulator; servers call {@link verifyRawDataSignature}.
 *
 * @param rawData - the rawData string exactly as the client received it
 * @param sessionKey - the session_key text (base64, not decoded)
 */
export function signRawData(rawData: string, sessionKey: string): string {
  return createHash('sha1')
    .update(rawData + sessionKey, 'utf8')
    .digest('hex');
}

/**
 * Checks `signature` against `sha1(rawData + sessionKey)` in constant time (WeChat's sample SDKs
 * compare with `==`). Hex case is ignored. A signature of any other length is simply `false`, never
 * an exception.
 *
 * @param rawData - the rawData string exactly as the client sent it (do not re-serialise it)
 * @param sessionKey - the user's current session_key text
 * @param signature - the hex signature the client sent
 * @returns whether the signature is right; `false` usually means a stale session_key or edited rawData
 */
export function verifyRawDataSignature(
  rawData: string,
  sessionKey: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signRawData(rawData, sessionKey), 'utf8');
  // String(): an untyped caller's missing signature must be `false`, not a TypeError.
  const received = Buffer.from(String(signature).toLowerCase(), 'utf8');
  return received.length === expected.length && timingSafeEqual(received, expected);
}
