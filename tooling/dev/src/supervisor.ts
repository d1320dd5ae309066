import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { RedrawCollapser } from './redraw-collapser';

/** A long-running process of `pnpm dev`. */
export interface ProcessSpec {
  /** Label printed before each of its output lines. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  /** Gets every output line, already labelled. */
  write(line: string): void;
  /** Colour the labels (a terminal that is not NO_COLOR). */
  color: boolean;
  /** How long a process group may take to exit after SIGINT before it gets SIGKILL. */
  stopTimeoutMs: number;
}

interface Running {
  readonly spec: ProcessSpec;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

const COLORS = [36, 35, 33, 32, 34, 31];
/** How long a redrawing progress display must be still before its last frame is printed. */
const REDRAW_SETTLE_MS = 1500;

/**
 * Runs processes with labelled output. Each one leads its own process group, so that stopping it
 * reaches everything it started — the pnpm wrapper, the watcher, the app the watcher restarts,
 * the PostgreSQL server the app started — and nothing is left behind.
 */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {}

  /** Printed label of a process name, aligned and coloured. */
  label(name: string): string {
    const width = Math.max(name.length, ...this.running.map((r) => r.spec.name.length), 6);
    const text = `[${name}]`.padEnd(width + 2);
    if (!this.options.color) return text;
    const color = COLORS[[...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % COLORS.length];
    return `\u001b[${color}m${text}\u001b[0m`;
  }

  /** Starts a process; `onExit` hears of an exit that `stopAll` did not ask for. */
  start(spec: ProcessSpec, onExit: (code: number | null) => void): void {
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => {
      child.once('error', (error) => {
        this.options.write(`${this.label(spec.name)} failed to start: ${error.message}`);
        resolve(null);
      });
      child.once('exit', (code, signal) => resolve(signal === null ? code : null));
    });
    for (const stream of [child.stdout, child.stderr]) {
      if (stream === null) continue;
      const output = new RedrawCollapser(
        (line) => this.options.write(`${this.label(spec.name)} ${line}`),
        REDRAW_SETTLE_MS,
      );
      createInterface({ input: stream })
        .on('line', (line) => output.push(line))
        .on('close', () => output.flush());
    }
    this.running.push({ spec, child, exited });
    void exited.then((code) => {
      if (!this.stopping) onExit(code);
    });
  }

  /**
   * Stops every process group, last started first: SIGINT (each server shuts down cleanly, the
   * embedded PostgreSQL included), then SIGKILL after the timeout.
   */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const { spec, child, exited } of [...this.running].reverse()) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
        continue;
      }
      signalGroup(child.pid, 'SIGINT');
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((resolve) =>
          setTimeout(() => resolve(true), this.options.stopTimeoutMs).unref(),
        ),
      ]);
      if (timedOut) {
        this.options.write(`${this.label(spec.name)} did not stop in time: killing it`);
        signalGroup(child.pid, 'SIGKILL');
        await exited;
      }
      // The group leader may exit before its children: let them finish too.
      await waitForGroupToEnd(child.pid, this.options.stopTimeoutMs);
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The whole group is gone already.
  }
}

function groupIsAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForGroupToEnd(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (groupIsAlive(pid)) {
    if (Date.now() > deadline) {
      signalGroup(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
