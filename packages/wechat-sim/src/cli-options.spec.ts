import { parseAppSpec, parseCliOptions } from './cli-options';
import { DEV_APP } from './sim-config';

describe('parseCliOptions', () => {
  it('should default to 127.0.0.1:3001, the dev app, rotation always and quota 100', () => {
    expect(parseCliOptions([], {})).toEqual({
      help: false,
      port: 3001,
      host: '127.0.0.1',
      apps: [{ ...DEV_APP }],
      rotation: 'always',
      perUserMinuteQuota: 100,
      seed: 1,
      verbose: false,
    });
  });

  it('should read the environment and let flags win over it', () => {
    const env = {
      SIM_PORT: '4001',
      SIM_APPS: 'wxa:sa, wxb:sb:union',
      SIM_ROTATION: 'keep-while-fresh',
    };
    const fromEnv = parseCliOptions([], env);
    expect(fromEnv.port).toBe(4001);
    expect(fromEnv.rotation).toBe('keep-while-fresh');
    expect(fromEnv.apps).toEqual([
      { appId: 'wxa', secret: 'sa' },
      { appId: 'wxb', secret: 'sb', unionBound: true },
    ]);
    const fromFlags = parseCliOptions(
      ['--port', '0', '--app', 'wxc:sc', '--app', 'wxd:sd:union', '--user-quota', '0', '-v'],
      env,
    );
    expect(fromFlags).toMatchObject({
      port: 0,
      apps: [
        { appId: 'wxc', secret: 'sc' },
        { appId: 'wxd', secret: 'sd', unionBound: true },
      ],
      perUserMinuteQuota: 0,
      verbose: true,
    });
  });

  it('should ignore the leading "--" pnpm forwards from `pnpm start -- …`', () => {
    expect(parseCliOptions(['--', '--port', '4002'], {}).port).toBe(4002);
  });

  it.each([
    [['--port', '70000']],
    [['--port', 'abc']],
    [['--rotation', 'never']],
    [['--app', 'only-an-id']],
    [['--app', 'wxa:sa:bound']],
    [['--unknown']],
  ])('should refuse %j', (argv) => {
    expect(() => parseCliOptions(argv, {})).toThrow();
  });

  it('should parse app specs', () => {
    expect(parseAppSpec('wxa:sa')).toEqual({ appId: 'wxa', secret: 'sa' });
    expect(() => parseAppSpec('wxa:sa:union:x')).toThrow(/appId:secret/);
  });
});
