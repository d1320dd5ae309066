// @ts-check
'use strict';
const { readFileSync } = require('node:fs');

// USER_HZ is 100 on every Linux architecture Node supports.
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds the whole machine spent busy (all cores, everything but idle and iowait), from
 * /proc/stat; undefined where there is no /proc.
 * @returns {number | undefined}
 */
function readBusyCpuSeconds() {
  try {
    const total = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal ...
    const ticks = total.trim().split(/\s+/).slice(1).map(Number);
    const busy = ticks.reduce(
      (sum, value, index) => (index === 3 || index === 4 ? sum : sum + value),
      0,
    );
    return busy / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * utime + stime of one process from /proc/<pid>/stat, in seconds.
 * @param {number} pid
 * @returns {number | undefined}
 */
function readProcessCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * How many cores the machine keeps busy over `ms` milliseconds while this process idles: other
 * work that would compete with the servers under test.
 * @param {number} ms
 * @returns {Promise<number | undefined>}
 */
async function sampleBusyCores(ms) {
  const before = readBusyCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = readBusyCpuSeconds();
  return before === undefined || after === undefined ? undefined : (after - before) / (ms / 1000);
}

module.exports = { readBusyCpuSeconds, readProcessCpuSeconds, sampleBusyCores };
