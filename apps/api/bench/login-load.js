// @ts-check
'use strict';
// Drives POST /api/auth/login with autocannon. Every request carries a fresh code minted in-process
// by the simulator for a user drawn from a fixed pool (returning users) or a new user, the way
// real traffic mixes first and repeat logins.
const autocannon = require('autocannon');
const { readBusyCpuSeconds, readProcessCpuSeconds } = require('./machine-cpu');

/**
 * @typedef {object} LoadOptions
 * @property {string} baseUrl
 * @property {{ login(appId: string, userId: string): { code: string } }} sim
 * @property {string} appId
 * @property {number} connections
 * @property {number} durationSeconds
 * @property {() => string} pickUser
 * @property {number} [serverPid] for CPU accounting
 * @property {number[]} [databasePids] PostgreSQL backends serving the server, for CPU accounting
 * @property {() => Promise<bigint>} [walPosition] PostgreSQL's WAL position, for WAL bytes per login
 */

/**
 * @typedef {object} LoadResult
 * @property {number} loginsPerSecond successful (2xx) logins per second
 * @property {number} p50Ms
 * @property {number} p90Ms
 * @property {number} p99Ms
 * @property {number} maxMs
 * @property {number} completed all answered requests
 * @property {number} ok 2xx answers
 * @property {number} failed non-2xx answers + connection errors + timeouts
 * @property {Record<string, number>} statusCounts
 * @property {CpuPerLogin} cpuPerLogin
 * @property {number | undefined} walBytesPerLogin PostgreSQL WAL written per successful login
 */

/**
 * CPU microseconds per successful login, from /proc (undefined where unknown): the server process,
 * this bench process (autocannon and the simulator), the PostgreSQL backends serving the server, and
 * the rest of the machine (kernel, PostgreSQL's background writers, and anything else running —
 * a large share here means the machine was not quiet and the numbers are suspect).
 * @typedef {{ serverUs: number | undefined, driverUs: number, databaseUs: number | undefined, otherUs: number | undefined }} CpuPerLogin
 */

/** @param {LoadOptions} options @returns {Promise<LoadResult>} */
async function driveLogins({
  baseUrl,
  sim,
  appId,
  connections,
  durationSeconds,
  pickUser,
  serverPid,
  databasePids = [],
  walPosition,
}) {
  const walBefore = await walPosition?.();
  const serverCpuBefore = serverPid === undefined ? undefined : readProcessCpuSeconds(serverPid);
  const databaseCpuBefore = sumCpuSeconds(databasePids);
  const driverCpuBefore = process.cpuUsage();
  const machineCpuBefore = readBusyCpuSeconds();
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationSeconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const { code } = sim.login(appId, pickUser());
          return { ...request, body: JSON.stringify({ code }) };
        },
      },
    ],
  });
  const walAfter = await walPosition?.();
  const elapsedSeconds = (Number(result.finish) - Number(result.start)) / 1000;
  const ok = result['2xx'];
  const driverCpu = process.cpuUsage(driverCpuBefore);
  const driverSeconds = (driverCpu.user + driverCpu.system) / 1e6;
  const serverCpuAfter = serverPid === undefined ? undefined : readProcessCpuSeconds(serverPid);
  const serverSeconds =
    serverCpuBefore === undefined || serverCpuAfter === undefined
      ? undefined
      : serverCpuAfter - serverCpuBefore;
  const databaseCpuAfter = sumCpuSeconds(databasePids);
  const databaseSeconds =
    databaseCpuBefore === undefined || databaseCpuAfter === undefined
      ? undefined
      : databaseCpuAfter - databaseCpuBefore;
  const machineCpuAfter = readBusyCpuSeconds();
  const machineSeconds =
    machineCpuBefore === undefined || machineCpuAfter === undefined
      ? undefined
      : machineCpuAfter - machineCpuBefore;
  /** @param {number | undefined} seconds */
  const perLogin = (seconds) =>
    seconds === undefined || ok === 0 ? undefined : (seconds * 1e6) / ok;
  /** @type {Record<string, number>} */
  const statusCounts = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    statusCounts[status] = count ?? 0;
  }
  return {
    loginsPerSecond: ok / elapsedSeconds,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    completed: result.requests.total,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    statusCounts,
    walBytesPerLogin:
      walBefore === undefined || walAfter === undefined || ok === 0
        ? undefined
        : Number(walAfter - walBefore) / ok,
    cpuPerLogin: {
      serverUs: perLogin(serverSeconds),
      driverUs: /** @type {number} */ (perLogin(driverSeconds)),
      databaseUs: perLogin(databaseSeconds),
      otherUs:
        machineSeconds === undefined || serverSeconds === undefined || databaseSeconds === undefined
          ? undefined
          : perLogin(machineSeconds - serverSeconds - driverSeconds - databaseSeconds),
    },
  };
}

/** @param {number[]} pids @returns {number | undefined} */
function sumCpuSeconds(pids) {
  let total = 0;
  for (const pid of pids) {
    const seconds = readProcessCpuSeconds(pid);
    if (seconds === undefined) return undefined;
    total += seconds;
  }
  return total;
}

/**
 * Users for the load: `returningShare` of the logins go to a fixed pool of `poolSize` users (after
 * the warm-up they all exist), the rest to users never seen before. Deterministic per seed, so both
 * servers get the same kind of sequence.
 * @param {{ poolSize: number, returningShare: number, seed: number, prefix: string }} options
 * @returns {() => string}
 */
function createUserPicker({ poolSize, returningShare, seed, prefix }) {
  let state = seed >>> 0 || 1;
  let newUsers = 0;
  const next = () => {
    // xorshift32: cheap and reproducible.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  return () => {
    if (next() < returningShare) return `bench-user-${Math.floor(next() * poolSize)}`;
    newUsers += 1;
    return `${prefix}-new-${newUsers}`;
  };
}

module.exports = { driveLogins, createUserPicker };
