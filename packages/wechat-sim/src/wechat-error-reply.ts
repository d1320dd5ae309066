import {
  WX_ERRCODE_INFO,
  type WechatErrorReply,
  type WxErrcodeWithErrmsg,
} from '@wxlogin/wechat-protocol';

let ridSequence = 0;

/**
 * WeChat's error body for an errcode, with WeChat's errmsg text. WeChat appends a request id to
 * every errmsg ("invalid code, rid: …"); clients must branch on errcode, never on the text, and
 * the suffix keeps them honest.
 */
export function wxError<C extends WxErrcodeWithErrmsg>(errcode: C): WechatErrorReply<C> {
  ridSequence = (ridSequence + 1) >>> 0;
  const rid = `${Math.floor(Date.now() / 1000).toString(16)}-${ridSequence.toString(16).padStart(8, '0')}`;
  return { errcode, errmsg: `${WX_ERRCODE_INFO[errcode].errmsg}, rid: ${rid}` };
}
