import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEV_APP, type RunningSimulator, startSimulator } from '@wxlogin/wechat-sim';
import { Client } from 'pg';

/** The real API (built, `node dist/main.js`) wired to a fresh WeChat simulator and database. */
export interface TestStack {
  /** http://127.0.0.1:PORT of the API, no trailing slash. */
  apiUrl: string;
  simulator: RunningSimulator;
  /** What the API printed so far: attach it to failures. */
  apiOutput(): string;
  stop(): Promise<void>;
}

const API_DIR = dirname(require.resolve('@wxlogin/api/package.json'));
const API_MAIN = join(API_DIR, 'dist', 'main.js');
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

// Test-only secrets: never used outside this harness.
const TEST_JWT_SECRET = 'miniapp-flow-tests-jwt-secret-0123456789abcdef';
const TEST_AT_REST_KEY = Buffer.alloc(32, 7).toString('base64');

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Database {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A throwaway database on TEST_DATABASE_URL's server when it is set (CI), else an empty folder for
 * the API's embedded PostgreSQL.
 */
async function provideDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'wxlogin-miniapp-pg-'));
    // The embedded server runs as the `postgres` user when we are root: it must write here.
    chmodSync(dir, 0o777);
    return {
      env: { EMBEDDED_PG_DIR: join(dir, 'data'), EMBEDDED_PG_PORT: String(await freePort()) },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `wxlogin_miniapp_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function waitForHealth(apiUrl: string, api: ChildProcess, output: () => string) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) {
      throw new Error(`the API exited with ${api.exitCode} before it was healthy:\n${output()}`);
    }
    const healthy = await fetch(`${apiUrl}/api/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API was not healthy within ${HEALTH_TIMEOUT_MS} ms:\n${output()}`);
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  // Whatever the API started and left behind (its embedded PostgreSQL) shares its process group.
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // The group is already empty.
  }
}

/** Starts the simulator, a database and the built API; `stop()` undoes all three. */
export async function startTestStack(): Promise<TestStack> {
  if (!existsSync(API_MAIN)) {
    throw new Error(`${API_MAIN} is missing: run \`pnpm --filter @wxlogin/api build\` first`);
  }
  const simulator = await startSimulator({ port: 0 });
  const database = await provideDatabase();
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const api = spawn(process.execPath, [API_MAIN], {
    cwd: API_DIR,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: apiUrl,
      LOG_LEVEL: 'warn',
      WECHAT_API_BASE: simulator.url,
      WX_APPID: DEV_APP.appId,
      WX_SECRET: DEV_APP.secret,
      JWT_SECRET: TEST_JWT_SECRET,
      SESSION_KEY_ENCRYPTION_KEY: TEST_AT_REST_KEY,
      // The flow tests log in far more often than one person would.
      RATE_LIMIT_PER_MINUTE: '100000',
      // A refresh token presented again is forgiven for this long (a retry after a lost answer);
      // the flow tests check what the client does once the API calls it reuse, so: at once.
      REFRESH_REUSE_INTERVAL_SECONDS: '0',
      ...database.env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  api.stdout?.on('data', keep);
  api.stderr?.on('data', keep);
  const stop = async () => {
    await stopProcessGroup(api);
    await simulator.close();
    await database.drop();
  };
  try {
    await waitForHealth(apiUrl, api, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, simulator, apiOutput: () => output, stop };
}
