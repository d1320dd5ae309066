import { spawnSync } from 'node:child_process';
import { Supervisor, type ProcessSpec } from './supervisor';

/** A node process that prints its pid, optionally starts a grandchild, and runs until stopped. */
function nodeProcess(name: string, script: string): ProcessSpec {
  return {
    name,
    command: process.execPath,
    args: ['-e', script],
    cwd: __dirname,
    env: process.env,
  };
}

const isAlive = (pid: number) => spawnSync('kill', ['-0', String(pid)]).status === 0;

function waitForLine(lines: string[], pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 15_000;
    const poll = () => {
      for (const line of lines) {
        const match = pattern.exec(line);
        if (match !== null) return resolve(match);
      }
      if (Date.now() > deadline) return reject(new Error(`no line matching ${String(pattern)}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe('Supervisor', () => {
  it('should label every output line with the process name', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({
      write: (l) => lines.push(l),
      color: false,
      stopTimeoutMs: 5000,
    });
    supervisor.start(
      nodeProcess('api', "console.log('one'); console.error('two'); setInterval(() => {}, 1000)"),
      () => undefined,
    );
    await waitForLine(lines, /two/);
    await supervisor.stopAll();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[api\] +one$/),
        expect.stringMatching(/^\[api\] +two$/),
      ]),
    );
  });

  it('should stop a process and everything it started with SIGINT, leaving no orphan', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({
      write: (l) => lines.push(l),
      color: false,
      stopTimeoutMs: 5000,
    });
    // The grandchild ignores nothing and exits on SIGINT; the parent reports both pids.
    const grandchild =
      "process.on('SIGINT', () => { console.log('grandchild got SIGINT'); process.exit(0) }); console.log('grandchild ready'); setInterval(() => {}, 1000)";
    supervisor.start(
      nodeProcess(
        'api',
        `const c = require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'inherit' });` +
          "console.log('pids', process.pid, c.pid); process.on('SIGINT', () => setTimeout(() => process.exit(0), 200));",
      ),
      () => undefined,
    );
    const [, parentPid, childPid] = await waitForLine(lines, /^\[api\]\s+pids (\d+) (\d+)$/);
    await waitForLine(lines, /grandchild ready/);
    expect(isAlive(Number(parentPid))).toBe(true);
    expect(isAlive(Number(childPid))).toBe(true);
    await supervisor.stopAll();
    expect(isAlive(Number(parentPid))).toBe(false);
    expect(isAlive(Number(childPid))).toBe(false);
    // It was asked to stop (not killed): its last words still reach the output.
    await waitForLine(lines, /^\[api\] +grandchild got SIGINT$/);
  });

  it('should SIGKILL a process group that ignores SIGINT past the timeout', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({
      write: (l) => lines.push(l),
      color: false,
      stopTimeoutMs: 500,
    });
    supervisor.start(
      nodeProcess(
        'stuck',
        "process.on('SIGINT', () => {}); console.log('pid', process.pid); setInterval(() => {}, 1000)",
      ),
      () => undefined,
    );
    const [, pid] = await waitForLine(lines, /pid (\d+)/);
    await supervisor.stopAll();
    expect(isAlive(Number(pid))).toBe(false);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[stuck\] +did not stop in time: killing it$/),
    );
  });

  it('should report an exit it did not cause', async () => {
    const supervisor = new Supervisor({ write: () => undefined, color: false, stopTimeoutMs: 500 });
    const code = await new Promise<number | null>((resolve) =>
      supervisor.start(nodeProcess('sim', 'process.exit(3)'), resolve),
    );
    expect(code).toBe(3);
  });
});
