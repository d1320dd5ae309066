import type { WxApp } from '@wxlogin/nest';

/** Where WeChat's server API is and which apps the API serves there. */
export interface WechatEndpoint {
  readonly baseUrl: string;
  readonly apps: readonly WxApp[];
  /** Stops what the dev wiring started (an in-process simulator); a no-op otherwise. */
  close(): Promise<void>;
}

export const WECHAT_ENDPOINT = Symbol('WECHAT_ENDPOINT');
