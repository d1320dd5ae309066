// @ts-check
'use strict';
// Formats what the bench measured; decides nothing but PASS/MISS against the targets.

const THROUGHPUT_TARGET_RATIO = 0.85;
const P99_TARGET_EXTRA_MS = 2;
const DECRYPTION_TARGET_RATIO = 0.9;

/**
 * @typedef {import('./login-load').LoadResult} LoadResult
 * @typedef {import('./phone-decryption').DecryptionResult} DecryptionResult
 * @typedef {{ target: string, rounds: LoadResult[], summary: LoadSummary }} TargetRun
 * @typedef {{ loginsPerSecond: number, p50Ms: number, p99Ms: number, failed: number, completed: number,
 *   cpu: import('./login-load').CpuPerLogin, walBytesPerLogin: number | undefined }} LoadSummary
 */

/** Medians over rounds (one round: that round). @param {LoadResult[]} rounds @returns {LoadSummary} */
function summarise(rounds) {
  /** @param {(r: LoadResult) => number | undefined} pick */
  const medianOf = (pick) => {
    const values = rounds.map(pick).filter((v) => v !== undefined);
    return values.length === 0 ? undefined : median(/** @type {number[]} */ (values));
  };
  return {
    loginsPerSecond: /** @type {number} */ (medianOf((r) => r.loginsPerSecond)),
    p50Ms: /** @type {number} */ (medianOf((r) => r.p50Ms)),
    p99Ms: /** @type {number} */ (medianOf((r) => r.p99Ms)),
    failed: rounds.reduce((sum, r) => sum + r.failed, 0),
    completed: rounds.reduce((sum, r) => sum + r.completed, 0),
    walBytesPerLogin: medianOf((r) => r.walBytesPerLogin),
    cpu: {
      serverUs: medianOf((r) => r.cpuPerLogin.serverUs),
      driverUs: /** @type {number} */ (medianOf((r) => r.cpuPerLogin.driverUs)),
      databaseUs: medianOf((r) => r.cpuPerLogin.databaseUs),
      otherUs: medianOf((r) => r.cpuPerLogin.otherUs),
    },
  };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  const lower = sorted[middle - 1] ?? upper;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
}

/**
 * @param {{ runs: TargetRun[], decryption: DecryptionResult, heading: string[] }} measured
 * @returns {string}
 */
function formatReport({ runs, decryption, heading }) {
  const lines = ['', ...heading, ''];
  lines.push(
    row([
      'login',
      'logins/s',
      'p50 ms',
      'p99 ms',
      'failed',
      'CPU µs/login: server',
      'bench+sim',
      'PostgreSQL',
      'other',
      'WAL B/login',
    ]),
  );
  for (const { target, rounds, summary } of runs) {
    if (rounds.length > 1) {
      rounds.forEach((round, index) => {
        lines.push(
          row([
            `  ${target} #${index + 1}`,
            round.loginsPerSecond.toFixed(0),
            round.p50Ms.toFixed(1),
            round.p99Ms.toFixed(1),
            String(round.failed),
            ...formatCpu(round.cpuPerLogin),
            formatWal(round.walBytesPerLogin),
          ]),
        );
      });
    }
    lines.push(
      row([
        rounds.length > 1 ? `${target} (median)` : target,
        summary.loginsPerSecond.toFixed(0),
        summary.p50Ms.toFixed(1),
        summary.p99Ms.toFixed(1),
        `${summary.failed}/${summary.completed}`,
        ...formatCpu(summary.cpu),
        formatWal(summary.walBytesPerLogin),
      ]),
    );
  }
  const reference = runs.find((r) => r.target === 'reference')?.summary;
  const wxlogin = runs.find((r) => r.target === 'wxlogin')?.summary;
  lines.push('');
  if (reference && wxlogin) {
    const ratio = wxlogin.loginsPerSecond / reference.loginsPerSecond;
    const p99Extra = wxlogin.p99Ms - reference.p99Ms;
    lines.push(
      `throughput wxlogin/reference  ${ratio.toFixed(2)}×   target ≥ ${THROUGHPUT_TARGET_RATIO}×        ${verdict(ratio >= THROUGHPUT_TARGET_RATIO)}`,
      `p99 wxlogin − reference       ${signed(p99Extra)} ms   target ≤ +${P99_TARGET_EXTRA_MS} ms        ${verdict(p99Extra <= P99_TARGET_EXTRA_MS)}`,
    );
    const referenceCpu = cpuForLoad(reference.cpu);
    const wxloginCpu = cpuForLoad(wxlogin.cpu);
    if (referenceCpu !== undefined && wxloginCpu !== undefined) {
      // On a saturated box throughput ≈ cores ÷ CPU per login, so this ratio is what the measured
      // one tends to when nothing else runs; it moves much less with background load.
      lines.push(
        `CPU per login (server + bench + PostgreSQL): reference ${referenceCpu.toFixed(0)} µs, wxlogin ${wxloginCpu.toFixed(0)} µs → ` +
          `${(referenceCpu / wxloginCpu).toFixed(2)}× (expected throughput ratio on a quiet machine; information, not a target)`,
      );
    }
  } else {
    lines.push('(only one server measured: no ratio)');
  }
  lines.push(
    '',
    `phone decryption  wxcrypto ${decryption.wxcryptoOpsPerSecond.toFixed(0)} ops/s, raw node:crypto ${decryption.rawOpsPerSecond.toFixed(0)} ops/s`,
    `                  ratio ${decryption.ratio.toFixed(2)}×   target ≥ ${DECRYPTION_TARGET_RATIO}×        ${verdict(decryption.ratio >= DECRYPTION_TARGET_RATIO)}`,
    '',
  );
  return lines.join('\n');
}

/** @param {import('./login-load').CpuPerLogin} cpu */
function cpuForLoad(cpu) {
  return cpu.serverUs === undefined || cpu.databaseUs === undefined
    ? undefined
    : cpu.serverUs + cpu.driverUs + cpu.databaseUs;
}

/** @param {number | undefined} bytes */
function formatWal(bytes) {
  return bytes === undefined ? 'n/a' : bytes.toFixed(0);
}

/** @param {boolean} met */
function verdict(met) {
  return met ? 'PASS' : 'MISS';
}

/** @param {number} value */
function signed(value) {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}

/** @param {import('./login-load').CpuPerLogin} cpu */
function formatCpu(cpu) {
  return [cpu.serverUs, cpu.driverUs, cpu.databaseUs, cpu.otherUs].map((value) =>
    value === undefined ? 'n/a' : value.toFixed(0),
  );
}

/** @param {string[]} cells */
function row(cells) {
  const widths = [22, 9, 7, 7, 13, 21, 10, 11, 6, 12];
  return cells
    .map((cell, index) =>
      index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0),
    )
    .join(' ');
}

module.exports = { summarise, formatReport };
