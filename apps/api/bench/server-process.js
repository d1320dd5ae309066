// @ts-check
'use strict';
// A server under test, run as a child Node process: its output is kept (last lines) to explain a
// failed start, and it is stopped with SIGTERM (SIGKILL after a grace period).
const { spawn } = require('node:child_process');

const OUTPUT_LINES_KEPT = 60;
const STOP_GRACE_MS = 10_000;

/** Every child still running, so a dying bench can kill them synchronously. */
const running = new Set();

/**
 * @typedef {object} ServerProcess
 * @property {string} name
 * @property {number} pid
 * @property {string} baseUrl
 * @property {() => string} outputTail
 * @property {(path: string, timeoutMs: number) => Promise<void>} waitUntilHealthy
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{ name: string, script: string, nodeArgs?: string[], env: NodeJS.ProcessEnv, cwd: string, port: number }} options
 * @returns {ServerProcess}
 */
function startServerProcess({ name, script, nodeArgs = [], env, cwd, port }) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  /** @type {string[]} */
  const output = [];
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const pid = child.pid ?? -1;

  return {
    name,
    pid,
    baseUrl: `http://127.0.0.1:${port}`,
    outputTail: () => output.join('\n'),
    async waitUntilHealthy(path, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let lastProblem = 'no answer yet';
      while (Date.now() < deadline) {
        if (hasExited) {
          const { code, signal } = await exited;
          throw new Error(
            `${name} exited during start (code ${code}, signal ${signal}). Its last output:\n${this.outputTail()}`,
          );
        }
        try {
          const response = await fetch(`${this.baseUrl}${path}`, {
            signal: AbortSignal.timeout(2_000),
          });
          await response.arrayBuffer();
          if (response.ok) return;
          lastProblem = `HTTP ${response.status}`;
        } catch (error) {
          lastProblem = error instanceof Error ? error.message : String(error);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(
        `${name} was not healthy at ${path} within ${timeoutMs} ms (${lastProblem}). Its last output:\n${this.outputTail()}`,
      );
    },
    async stop() {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Synchronous last resort for process 'exit': nothing outlives the bench. */
function killAllServerProcesses() {
  for (const child of running) child.kill('SIGKILL');
}

module.exports = { startServerProcess, killAllServerProcesses };
