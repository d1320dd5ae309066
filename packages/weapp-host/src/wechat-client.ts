/**
 * WeChat's client side as the simulator (packages/wechat-sim, `/sim/*` over HTTP) plays it for one
 * user of one app: login codes, the login-state check and the phone button's proof.
 */
export interface SimulatedWechatUser {
  simulatorUrl: string;
  appId: string;
  userId: string;
}

export interface PhoneProof {
  code: string;
  encryptedData: string;
  iv: string;
}

async function post<T>(user: SimulatedWechatUser, path: string): Promise<T> {
  const response = await fetch(`${user.simulatorUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: user.appId, userId: user.userId }),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

export const simulatedWechat = {
  login: (user: SimulatedWechatUser) => post<{ code: string }>(user, '/sim/login'),
  checkSession: (user: SimulatedWechatUser) => post<{ valid: boolean }>(user, '/sim/check-session'),
  phone: (user: SimulatedWechatUser) => post<PhoneProof>(user, '/sim/phone'),
};
