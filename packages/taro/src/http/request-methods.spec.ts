import { ROUTES } from '@wxlogin/contracts';
import { API_BASE, errorAnswer, fakePlatform } from '../fake-platform.testing.js';
import { WECHAT_REQUEST_METHODS } from '../platform.js';
import { createWxLogin } from '../wxlogin.js';

// PATCH /api/me once failed on phones only ("method invalid"): every request the client makes,
// and the API route it lands on, must use a method wx.request accepts. The API registers exactly
// the routes of ROUTES (its own test compares); the headless host (packages/weapp-host) refuses
// other methods on the built bundle. This is the quick check.

const TABLE = Object.values(ROUTES).map((route) => `${route.method} ${route.path}`);
const accepted = (route: string) =>
  (WECHAT_REQUEST_METHODS as readonly string[]).includes(route.split(' ')[0] ?? '');

describe('request methods', () => {
  it('should send only methods wx.request accepts, each to a route of the table', async () => {
    let refusedOnce = false;
    const fake = fakePlatform({
      // The first GET /api/me is refused so that the renewal runs too.
      answer: ({ method }, path) => {
        if (method !== 'GET' || path !== '/api/me' || refusedOnce) return undefined;
        refusedOnce = true;
        return errorAnswer('UNAUTHENTICATED');
      },
    });
    const client = createWxLogin({ platform: fake.platform, apiBase: API_BASE });

    await client.start();
    await client.phone.bind({ errMsg: 'getPhoneNumber:ok', code: 'phone-code' });
    await client.profile.fetchMe();
    await client.profile.updateNickname('小明');
    await client.profile.uploadAvatar('wxfile://tmp/avatar.png');
    await client.logout();

    const used = fake.routes().map((route) => ({
      route,
      wechatAccepts: accepted(route),
      inTable: TABLE.includes(route),
    }));
    expect(used).toEqual(used.map(({ route }) => ({ route, wechatAccepts: true, inTable: true })));
    expect(new Set(fake.routes())).toEqual(
      new Set([
        'POST /api/auth/login',
        'POST /api/auth/phone',
        'GET /api/me',
        'POST /api/auth/refresh',
        'PUT /api/me',
        'POST /api/me/avatar',
        'POST /api/auth/logout',
      ]),
    );
  });

  it('should find no route in the table with a method wx.request refuses', () => {
    expect(TABLE.filter((route) => !accepted(route))).toEqual([]);
  });
});
