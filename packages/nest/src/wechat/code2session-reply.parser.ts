import type { WechatSession } from './wechat-session';

function isStringOfLength(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= maxLength;
}

/**
 * Checks a jscode2session success reply by hand, not with zod: it is on every login
 * (docs/performance.md). Success is "has openid and session_key" (WeChat stopped
 * sending errcode 0, docs/wechat-protocol.md#code2session; non-zero errcodes are handled before
 * this): `openid` 1–128 characters, `session_key` 1–64, `unionid` absent or 1–128. Other fields are
 * ignored.
 *
 * @returns the session, or `undefined` when the reply does not have that shape
 */
export function parseCode2SessionReply(json: unknown): WechatSession | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { openid, session_key: sessionKey, unionid } = json as Record<string, unknown>;
  if (!isStringOfLength(openid, 128) || !isStringOfLength(sessionKey, 64)) return undefined;
  if (unionid !== undefined && !isStringOfLength(unionid, 128)) return undefined;
  return { openid, sessionKey, unionid };
}
