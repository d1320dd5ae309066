// @ts-check
'use strict';
// `node bench/cpu-profile-summary.js <file.cpuprofile> [rows]`: where the CPU went, by function
// (self time) and by call-tree subtree (inclusive time), in percent of the busy samples (idle ones
// left out, so a server's idle time during the other server's round does not dilute the picture).
// Package paths are shortened to [package].
const { readFileSync } = require('node:fs');

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[], samples: number[] }} CpuProfile
 */

function main() {
  const [file, rowsArgument] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/cpu-profile-summary.js <file.cpuprofile> [rows]');
    process.exit(2);
  }
  const rows = Number(rowsArgument ?? 40);
  const profile = /** @type {CpuProfile} */ (JSON.parse(readFileSync(file, 'utf8')));
  const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const parentOf = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  /** @type {Map<number, number>} */
  const samplesByNode = new Map();
  for (const id of profile.samples) samplesByNode.set(id, (samplesByNode.get(id) ?? 0) + 1);

  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const inclusive = new Map();
  let busy = 0;
  for (const [id, count] of samplesByNode) {
    const leaf = /** @type {ProfileNode} */ (nodesById.get(id));
    if (leaf.callFrame.functionName === '(idle)') continue;
    busy += count;
    add(self, describe(leaf), count);
    // Each function counts once per sample even when it recurses.
    const seen = new Set();
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parentOf.get(at)) {
      const name = describe(/** @type {ProfileNode} */ (nodesById.get(at)));
      if (!seen.has(name)) {
        seen.add(name);
        add(inclusive, name, count);
      }
    }
  }
  console.log(`${profile.samples.length} samples, ${busy} busy (the 100 %)\n\n-- self time`);
  print(self, busy, rows);
  console.log('\n-- inclusive time');
  print(inclusive, busy, rows * 2);
}

/** @param {ProfileNode} node */
function describe({ callFrame }) {
  const where = callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//, '[$1] ')
    .replace(/.*\/(apps|packages)\//, '$1/');
  return `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
}

/** @param {Map<string, number>} map @param {string} key @param {number} count */
function add(map, key, count) {
  map.set(key, (map.get(key) ?? 0) + count);
}

/** @param {Map<string, number>} map @param {number} total @param {number} rows */
function print(map, total, rows) {
  for (const [name, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * count) / total).toFixed(1).padStart(5)} %  ${name}`);
  }
}

main();
