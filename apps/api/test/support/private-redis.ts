import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from '@wxlogin/dev-postgres';

/**
 * A redis-server of the test's own, on a free port, without persistence: tests may stop, freeze
 * and restart it without touching the machine's shared Redis. Needs `redis-server` on the PATH.
 */
export interface PrivateRedis {
  readonly url: string;
  /** SIGSTOP: connections stay open, nothing answers. */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Stops the server (connections refused until start()). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;

  const start = async () => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    server = child;
    let spawnError: Error | undefined;
    child.once('error', (error) => (spawnError = error));
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (spawnError !== undefined) {
        throw new Error(
          `cannot run redis-server (Debian package redis-server): ${spawnError.message}`,
          { cause: spawnError },
        );
      }
      if (child.exitCode !== null) break;
      if (await answersPing(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const signal = (name: NodeJS.Signals) => {
    if (server?.pid !== undefined) process.kill(server.pid, name);
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    stop: async () => {
      const child = server;
      if (child === undefined || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // A frozen server must be woken to die of SIGTERM; SIGKILL needs no waking.
      child.kill('SIGKILL');
      await exited;
      server = undefined;
    },
    start,
  };
}
