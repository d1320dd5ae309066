import { runTaroBuild } from './support/taro-build';

// `pnpm release:weapp` refuses before compiling anything; the successful release build runs in
// test/weapp-host.e2e.spec.ts, whose journey needs it.
const RELEASE = { NODE_ENV: 'production', WEAPP_RELEASE: 'true' };
const GOOD_APP_ID = 'wx5f3c9a2b7d1e4c60';

describe('pnpm release:weapp', () => {
  it.each([
    ['a missing AppID', {}, 'TARO_APP_ID'],
    ["DevTools' placeholder AppID", { TARO_APP_ID: 'touristappid' }, 'TARO_APP_ID'],
    [
      'an http API base',
      { TARO_APP_ID: GOOD_APP_ID, TARO_APP_API_BASE: 'http://api.example.com' },
      'TARO_APP_API_BASE must use https',
    ],
    [
      'an IP address',
      { TARO_APP_ID: GOOD_APP_ID, TARO_APP_API_BASE: 'https://10.0.0.8' },
      'TARO_APP_API_BASE must name a registered domain',
    ],
    [
      'localhost',
      { TARO_APP_ID: GOOD_APP_ID, TARO_APP_API_BASE: 'https://localhost:3000' },
      'TARO_APP_API_BASE must name a registered domain',
    ],
  ])('should refuse %s, naming the variable', async (_case, env, message) => {
    const { exitCode, output } = await runTaroBuild('weapp', { ...RELEASE, ...env });

    expect(exitCode).toBe(1);
    expect(output).toContain(`✖ release build refused: ${message}`);
    expect(output).not.toContain('Compiled');
  });
});

describe('taro build', () => {
  it('should refuse a target other than weapp and h5 before compiling', async () => {
    const { exitCode, output } = await runTaroBuild('alipay', { NODE_ENV: 'production' });

    expect(exitCode).toBe(1);
    expect(output).toContain('wxlogin builds only for weapp (WeChat) and h5');
    expect(output).not.toContain('Compiled');
  });
});
