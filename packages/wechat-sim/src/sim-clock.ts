import { performance } from 'node:perf_hooks';

/** The simulator's clock as tests see it. */
export interface ClockControls {
  /** Current simulated time, ms since the epoch (whole milliseconds, never goes back). */
  now(): number;
  /** Moves the clock forward (codes, tokens and session keys expire by this clock). */
  advance(ms: number): void;
}

/**
 * Simulated time: the start time, plus real time elapsed (unless frozen), plus every advance.
 * Uses the monotonic `performance.now()` so a wall-clock step on the host cannot move it back;
 * the code stores rely on time never going backwards.
 */
export class SimClock implements ClockControls {
  private advancedMs = 0;
  private realBase = performance.now();

  constructor(
    private readonly startTime: number,
    private readonly frozen: boolean,
  ) {}

  now(): number {
    const realElapsed = this.frozen ? 0 : performance.now() - this.realBase;
    return Math.floor(this.startTime + realElapsed + this.advancedMs);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`clock.advance needs a finite ms >= 0, got ${ms}`);
    }
    this.advancedMs += ms;
  }

  /** Back to the start time. */
  reset(): void {
    this.advancedMs = 0;
    this.realBase = performance.now();
  }
}
