import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeSyntaxTooNew, findFirstScriptBeyondEs2017 } from '@wxlogin/weapp-host';

// Checks the output of `pnpm build:weapp` (turbo builds it before this test runs).
const DIST = join(__dirname, '..', 'dist');
/** WeChat's cap for one package (main package or one subpackage). */
const PACKAGE_CAP_BYTES = 2 * 1024 * 1024;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(DIST, file), 'utf8')) as Record<string, unknown>;
}

describe('weapp build output (dist/)', () => {
  let files: string[] = [];

  beforeAll(() => {
    try {
      files = listFiles(DIST);
    } catch {
      throw new Error(
        `${DIST} is missing: run \`pnpm --filter @wxlogin/miniapp build:weapp\` first`,
      );
    }
  });

  it('should register the login, me and profile pages, login first', () => {
    expect(readJson('app.json').pages).toEqual([
      'pages/login/index',
      'pages/me/index',
      'pages/profile/index',
    ]);
  });

  it('should ship project.config.json with the AppID from TARO_APP_ID', () => {
    const config = readJson('project.config.json');
    expect(config.appid).toBe(process.env.TARO_APP_ID || 'touristappid');
    expect(config.compileType).toBe('miniprogram');
  });

  it('should declare the minimum base library (phone code, chooseAvatar, nickname input)', () => {
    expect(readJson('project.config.json').libVersion).toBe('2.21.2');
  });

  it('should contain neither the simulator adapter nor any WeChat session key material', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file: relative(DIST, file), hasSimulator: text.includes('/sim/') }).toEqual({
        file: relative(DIST, file),
        hasSimulator: false,
      });
      // The contracts' error-code name is the one legitimate mention (a code, not a key).
      const mentionsKey = /session_?key/i.test(text.replace(/SESSION_KEY_STALE/g, ''));
      expect({ file: relative(DIST, file), mentionsKey }).toEqual({
        file: relative(DIST, file),
        mentionsKey: false,
      });
    }
  });

  it('should parse as ES2017 in every .js file (older phones cannot parse newer syntax)', () => {
    const tooNew = findFirstScriptBeyondEs2017(DIST);
    expect(tooNew && describeSyntaxTooNew(tooNew)).toBeNull();
  });

  it('should stay far below the 2 MB package cap', () => {
    const totalBytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    console.log(`weapp dist: ${files.length} files, ${totalBytes} bytes`);
    expect(totalBytes).toBeLessThan(PACKAGE_CAP_BYTES / 2);
  });
});
