// `pnpm dev` (the root script builds the packages and this file first): the simulator, the API in
// watch mode, the mini-program's weapp and H5 builds in watch mode, in one terminal.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { mergeEnv, parseDotenv, resolveDevConfig, type DevConfig } from './dev-config';
import { readyMessage, readyUrls } from './ready-message';
import { Supervisor, type ProcessSpec } from './supervisor';
import { answersOk, waitUntil, writtenSince } from './wait-for';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** Two webpack builds and the Nest compiler share the machine: first builds take a while. */
const READY_TIMEOUT_MS = 10 * 60_000;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer()
      .once('error', () => resolvePort(false))
      .once('listening', () => server.close(() => resolvePort(true)))
      .listen(port, '127.0.0.1');
  });
}

function processes(config: DevConfig, env: NodeJS.ProcessEnv): ProcessSpec[] {
  // Children write to pipes: keep their colours when this command's output is a terminal.
  const color = process.stdout.isTTY && env['NO_COLOR'] === undefined;
  const childEnv = { ...env, ...config.childEnv, ...(color ? { FORCE_COLOR: '1' } : {}) };
  // --reporter=silent: pnpm's own lines (its header, and its complaint that a script "failed with
  // signal SIGINT" when Ctrl-C stops it) only add noise; the scripts' output is untouched.
  const pnpm = (name: string, pkg: string, script: string, ...args: string[]): ProcessSpec => ({
    name,
    command: 'pnpm',
    args: ['--reporter=silent', '--filter', pkg, 'run', script, ...args],
    cwd: config.repoRoot,
    env: childEnv,
  });
  const list: ProcessSpec[] = [];
  if (config.wechat.kind === 'local-simulator') {
    // Its own process rather than the API's in-process one: its state (users, keys, codes)
    // survives every restart of the API in watch mode. The API's dev wiring finds it on SIM_PORT.
    list.push({
      name: 'sim',
      command: process.execPath,
      args: ['packages/wechat-sim/dist/cli.js', '--port', String(config.simPort), '--verbose'],
      cwd: config.repoRoot,
      env: childEnv,
    });
  }
  // tsc's watch mode clears the screen on every rebuild unless told not to.
  list.push(pnpm('api', '@wxlogin/api', 'dev', '--preserveWatchOutput'));
  list.push(pnpm('weapp', '@wxlogin/miniapp', 'dev:weapp'));
  if (config.wechat.kind !== 'wechat') list.push(pnpm('h5', '@wxlogin/miniapp', 'dev:h5'));
  return list;
}

async function main(): Promise<void> {
  const dotenvPath = join(REPO_ROOT, '.env');
  const env = mergeEnv(
    process.env,
    existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath, 'utf8')) : {},
  );
  const config = resolveDevConfig(env, REPO_ROOT);
  const specs = processes(config, env);

  const ports: [string, number][] = [['the API (set PORT to move it)', config.apiPort]];
  if (specs.some((s) => s.name === 'sim')) {
    ports.push(['the simulator (set SIM_PORT to move it)', config.simPort]);
  }
  if (specs.some((s) => s.name === 'h5')) {
    ports.push(['the H5 dev server (fixed in apps/miniapp/config/dev.ts)', config.h5Port]);
  }
  const busy = [];
  for (const [what, port] of ports) if (!(await portIsFree(port))) busy.push(`${port} for ${what}`);
  if (busy.length > 0) {
    process.stderr.write(`pnpm dev: port already in use: ${busy.join('; ')}.\n`);
    process.exitCode = 1;
    return;
  }

  const supervisor = new Supervisor({
    write: (line) => process.stdout.write(`${line}\n`),
    color: process.stdout.isTTY && process.env['NO_COLOR'] === undefined,
    stopTimeoutMs: 20_000,
  });
  const say = (text: string) => process.stdout.write(`${supervisor.label('dev')} ${text}\n`);
  const stopping = new AbortController();
  let shuttingDown = false;
  const shutdown = async (exitCode: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    stopping.abort();
    say('stopping… (the embedded PostgreSQL shuts down cleanly; its data stays)');
    await supervisor.stopAll();
    say('stopped.');
    process.exit(exitCode);
  };
  // Ctrl-C, a stop request, or the terminal closing: the children lead process groups of their
  // own, so nothing else tells them to stop.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(0));
  }
  process.stdout.on('error', () => void shutdown(0));
  const onUnexpectedExit = (name: string) => (code: number | null) => {
    say(`${name} exited (${code ?? 'signal'}): stopping everything`);
    void shutdown(1);
  };

  try {
    await startAndAwaitReady(config, specs, supervisor, onUnexpectedExit, stopping.signal, say);
  } catch (error) {
    say(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

async function startAndAwaitReady(
  config: DevConfig,
  specs: readonly ProcessSpec[],
  supervisor: Supervisor,
  onUnexpectedExit: (name: string) => (code: number | null) => void,
  stopping: AbortSignal,
  say: (text: string) => void,
): Promise<void> {
  const startedAt = Date.now();
  const [first, ...rest] = specs;
  if (first?.name === 'sim') {
    supervisor.start(first, onUnexpectedExit(first.name));
    await waitUntil(() => answersOk(`${config.wechat.url}/sim/health`), stopping, 200);
  }
  for (const spec of first?.name === 'sim' ? rest : specs) {
    supervisor.start(spec, onUnexpectedExit(spec.name));
  }

  // Every URL the ready message prints must answer 200 before it is printed.
  const checks: [string, () => Promise<boolean>][] = [
    ...readyUrls(config).map(([label, url]): [string, () => Promise<boolean>] => [
      label,
      () => answersOk(url),
    ]),
    ['weapp build', () => writtenSince(join(config.weappProject, 'app.json'), startedAt)],
  ];
  const gaveUp = AbortSignal.any([stopping, AbortSignal.timeout(READY_TIMEOUT_MS)]);
  const results = await Promise.all(
    checks.map(async ([name, check]) => [name, await waitUntil(check, gaveUp)] as const),
  );
  if (stopping.aborted) return;
  const missing = results.filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length > 0) {
    say(`not ready after ${READY_TIMEOUT_MS / 60_000} min: ${missing.join(', ')} (see above)`);
    return;
  }
  say(`ready in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  process.stdout.write(`\n${readyMessage(config)}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`pnpm dev: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
