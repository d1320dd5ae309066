import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@wxlogin/api/test/support/free-port';

/** The Redis the API instances share: a private server, or the one TEST_REDIS_URL names. */
export interface SuiteRedis {
  /** redis:// URL for the API's REDIS_URL. */
  readonly url: string;
  /** What runs, for the printed figures. */
  readonly description: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

/**
 * A `redis-server` of our own on a free port, without persistence (the suite may break it
 * without touching the machine's Redis). Where the binary is missing, TEST_REDIS_URL's server is
 * used as it is; without either the suite cannot say anything about shared state, so it fails.
 */
export async function startSuiteRedis(): Promise<SuiteRedis> {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  const spawned = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    server.once('spawn', () => resolve(undefined));
    server.once('error', resolve);
  });
  if (spawned !== undefined) {
    const shared = process.env.TEST_REDIS_URL;
    if (spawned.code === 'ENOENT' && shared) {
      return { url: shared, description: 'TEST_REDIS_URL', stop: () => Promise.resolve() };
    }
    throw new Error(
      spawned.code === 'ENOENT'
        ? 'redis-server is not on PATH: install it (apt-get install redis-server) or set TEST_REDIS_URL'
        : `redis-server did not start: ${spawned.message}`,
    );
  }
  try {
    await waitForPong(port, server, () => output);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    description: `private redis-server on port ${port}`,
    stop: () => stopServer(server),
  };
}

async function waitForPong(port: number, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`redis-server exited with ${server.exitCode}:\n${output()}`);
    }
    if (await answersPing(port)) return;
    await sleep(50);
  }
  throw new Error(`redis-server did not answer PING within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('timeout', () => socket.destroy());
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
