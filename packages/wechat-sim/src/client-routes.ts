import { appUser, type SimRoute } from './sim-route';
import { CLIENT_PATHS } from './simulator';

/** The phone side: what wx.login, the phone button, getUserInfo and wx.checkSession give. */
export const CLIENT_ROUTES = new Map<string, SimRoute>([
  [CLIENT_PATHS.login, { method: 'POST', run: (sim, body) => sim.login(...appUser(body)) }],
  [
    CLIENT_PATHS.phone,
    { method: 'POST', run: (sim, body) => sim.getPhoneNumber(...appUser(body)) },
  ],
  [
    CLIENT_PATHS.userInfo,
    { method: 'POST', run: (sim, body) => sim.getUserInfo(...appUser(body)) },
  ],
  [
    CLIENT_PATHS.checkSession,
    { method: 'POST', run: (sim, body) => ({ valid: sim.checkSession(...appUser(body)) }) },
  ],
]);
