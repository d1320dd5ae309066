import { DEV_APP, type Simulator } from '@wxlogin/wechat-sim';

/**
 * The user's current WeChat session_key, for assertions only. The simulator exposes it only
 * through jscode2session, so: a login under 'keep-while-fresh' (which keeps a fresh key) gives a
 * code that is exchanged in-process. Leaves the rotation policy at 'always'.
 */
export function currentSessionKey(sim: Simulator, userId: string): string {
  sim.setRotation('keep-while-fresh');
  try {
    const { code } = sim.login(DEV_APP.appId, userId);
    const reply = sim.server.code2Session({
      appid: DEV_APP.appId,
      secret: DEV_APP.secret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    if (!('session_key' in reply)) throw new Error(`code2Session failed: ${JSON.stringify(reply)}`);
    return reply.session_key;
  } finally {
    sim.setRotation('always');
  }
}
