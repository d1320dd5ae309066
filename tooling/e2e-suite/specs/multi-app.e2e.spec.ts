import { DEV_APP } from '@wxlogin/wechat-sim';
import type { TokenResponse } from '@wxlogin/contracts';
import { startE2eStack, type E2eStack } from '../test-support/stack';

// A second mini-program of the same company, bound to its Open Platform account (unionid).
const SHOP_APP = {
  appId: 'wx0a1b2c3d4e5f6071',
  secret: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  unionBound: true,
};

describe('several mini-programs on one API (e2e)', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack({}, [DEV_APP, SHOP_APP]);
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function loginTo(appId: string | undefined, userId: string): Promise<TokenResponse> {
    const { code } = stack.wechat.sim.login(appId ?? DEV_APP.appId, userId);
    const response = await stack.post(
      '/api/auth/login',
      appId === undefined ? { code } : { code, appId },
    );
    expect(response.status).toBe(200);
    return (await response.json()) as TokenResponse;
  }

  it('should default to the first configured app and pick another by appId', async () => {
    const inDefault = await loginTo(undefined, 'zoe');
    expect(inDefault.user).toMatchObject({ appId: DEV_APP.appId, hasUnionId: false });
    const inShop = await loginTo(SHOP_APP.appId, 'zoe');
    expect(inShop.user).toMatchObject({ appId: SHOP_APP.appId, hasUnionId: true });
    // Users are keyed by (app, openid): the same person is one user per app.
    expect(inShop.user.id).not.toBe(inDefault.user.id);
    const rows = await stack.db.query<{ app_id: string; unionid: string | null }>(
      'SELECT app_id, unionid FROM users WHERE id = ANY($1::uuid[]) ORDER BY app_id',
      [[inDefault.user.id, inShop.user.id]],
    );
    expect(rows.map((row) => row.app_id).sort()).toEqual([DEV_APP.appId, SHOP_APP.appId].sort());
    expect(rows.find((row) => row.app_id === SHOP_APP.appId)?.unionid).toMatch(/.+/);
  });

  it("should refuse one app's code sent as another app's (WeChat 40029 ⇒ WX_CODE_INVALID)", async () => {
    const { code } = stack.wechat.sim.login(SHOP_APP.appId, 'yan');
    const response = await stack.post('/api/auth/login', { code, appId: DEV_APP.appId });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'WX_CODE_INVALID',
    );
  });
});
