import { spawn } from 'node:child_process';
import { join } from 'node:path';

const MINIAPP_DIR = join(__dirname, '..', '..');
const TARO_CLI = join(MINIAPP_DIR, 'node_modules', '@tarojs', 'cli', 'bin', 'taro');

export interface TaroBuildResult {
  exitCode: number | null;
  output: string;
}

/**
 * Runs `taro build --type <target>` in apps/miniapp with exactly `env` (plus PATH and HOME), as
 * `pnpm release:weapp` does when `env.WEAPP_RELEASE` is `true`.
 */
export function runTaroBuild(
  target: string,
  env: Record<string, string>,
): Promise<TaroBuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TARO_CLI, 'build', '--type', target], {
      cwd: MINIAPP_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, output }));
  });
}
