/** Every timer the host runs, the bundle's and its own, so that closing the host stops them all. */
export class HostTimers {
  private readonly pending = new Set<NodeJS.Timeout>();
  private allStopped = false;

  /** Whether stopAll ran: a bundle timer set after it still fires, and must not run. */
  get stopped(): boolean {
    return this.allStopped;
  }

  schedule(run: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    this.pending.add(timer);
    return timer;
  }

  clear(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.pending.delete(timer);
  }

  stopAll(): void {
    this.allStopped = true;
    for (const timer of this.pending) clearTimeout(timer);
  }
}
