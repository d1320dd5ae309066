/**
 * What code2Session gives: who the user is for this app, and the key of their WeChat session.
 * WeChat's session, not ours (ours is a row of `sessions`, named by the access token's `sid`).
 */
export interface WechatSession {
  readonly openid: string;
  readonly sessionKey: string;
  readonly unionid: string | undefined;
}
