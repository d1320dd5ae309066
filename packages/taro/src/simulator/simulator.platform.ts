import type { AuthPlatform, PhoneEventDetail } from '../platform.js';

/** The simulator's built-in development app (public, fake): `DEV_APP.appId` of wechat-sim. */
export const SIMULATOR_DEV_APP_ID = 'wx5f3c9a2b7d1e4c60';

/** Who the simulated WeChat client is: the mini-program's AppID and a name for the person. */
export interface SimulatedWeChatUser {
  /** Origin of the simulator, `''` when a proxy serves it under the page's own origin. */
  simulatorBase: string;
  appId: string;
  userId: string;
}

/**
 * Replaces the WeChat client's part of `platform` with the simulator's client side
 * (`POST /sim/login`, `/sim/check-session`, `/sim/phone`): the H5 preview and the tests log in
 * exactly like the mini-program, with codes the API can exchange at the simulated WeChat server.
 * Development and tests only: the weapp build never includes this module.
 */
export function withSimulatedWeChat(
  platform: AuthPlatform,
  { simulatorBase, appId, userId }: SimulatedWeChatUser,
): AuthPlatform {
  async function ask(path: string): Promise<Record<string, unknown>> {
    const response = await platform.request({
      method: 'POST',
      url: `${simulatorBase}/sim/${path}`,
      headers: { 'content-type': 'application/json' },
      body: { appId, userId },
    });
    if (response.status !== 200 || typeof response.body !== 'object' || response.body === null) {
      throw new Error(`simulator /sim/${path} answered HTTP ${response.status}`);
    }
    return response.body as Record<string, unknown>;
  }
  return {
    ...platform,
    client: 'wechat',
    async getLoginCode() {
      return String((await ask('login')).code);
    },
    async checkSession() {
      return (await ask('check-session')).valid === true;
    },
    async simulatePhoneTap(): Promise<PhoneEventDetail> {
      const { code, encryptedData, iv } = await ask('phone');
      return {
        errMsg: 'getPhoneNumber:ok',
        code: String(code),
        encryptedData: String(encryptedData),
        iv: String(iv),
      };
    },
  };
}
