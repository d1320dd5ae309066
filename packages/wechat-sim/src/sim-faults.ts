import { SeededRandom } from './seeded-random';

/** Fault injection, as tests and benchmarks drive it. */
export interface FaultControls {
  /** Share in [0, 1] of WeChat-server calls answered `-1` (system busy), drawn from a seeded PRNG. */
  setBusyRate(share: number): void;
  /** Delay added before every WeChat-server answer over HTTP (the in-process API has no I/O). */
  setLatencyMs(ms: number): void;
  /** Answer 45011 (minute quota) for this user's jscode2session, phone-number and reset calls. */
  setRateLimited(appId: string, userId: string, on: boolean): void;
  /** Answer 40226 (high-risk user, login blocked) for this user's jscode2session calls. */
  setBlocked(appId: string, userId: string, on: boolean): void;
  /**
   * Answer 40001 (invalid access_token) to the next `calls` calls that present an access_token,
   * whatever the token: WeChat refusing tokens faster than a server can replace them.
   */
  setTokenRejections(calls: number): void;
  /** Removes every fault. */
  clear(): void;
  readonly busyRate: number;
  readonly latencyMs: number;
  /** Calls still to be answered 40001 by `setTokenRejections`. */
  readonly tokenRejections: number;
}

function userKey(appId: string, userId: string): string {
  return `${appId}\n${userId}`;
}

export class SimFaults implements FaultControls {
  private busyShare = 0;
  private latency = 0;
  private rejectionsLeft = 0;
  private readonly rateLimitedUsers = new Set<string>();
  private readonly blockedUsers = new Set<string>();
  private readonly random: SeededRandom;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  get busyRate(): number {
    return this.busyShare;
  }

  get latencyMs(): number {
    return this.latency;
  }

  setBusyRate(share: number): void {
    if (!Number.isFinite(share) || share < 0 || share > 1) {
      throw new RangeError(`busy rate must be within [0, 1], got ${share}`);
    }
    this.busyShare = share;
  }

  get tokenRejections(): number {
    return this.rejectionsLeft;
  }

  setTokenRejections(calls: number): void {
    if (!Number.isSafeInteger(calls) || calls < 0) {
      throw new RangeError(`token rejections must be an integer >= 0, got ${calls}`);
    }
    this.rejectionsLeft = calls;
  }

  setLatencyMs(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`latency must be a finite ms >= 0, got ${ms}`);
    }
    this.latency = ms;
  }

  setRateLimited(appId: string, userId: string, on: boolean): void {
    toggle(this.rateLimitedUsers, userKey(appId, userId), on);
  }

  setBlocked(appId: string, userId: string, on: boolean): void {
    toggle(this.blockedUsers, userKey(appId, userId), on);
  }

  clear(): void {
    this.busyShare = 0;
    this.latency = 0;
    this.rejectionsLeft = 0;
    this.rateLimitedUsers.clear();
    this.blockedUsers.clear();
  }

  /** Faults cleared and the PRNG back to its first draw. */
  reset(): void {
    this.clear();
    this.random.reset();
  }

  /**
   * Draws whether this call is answered -1. Draws nothing while the rate is 0, so which calls fail
   * depends only on the calls made while a rate is set.
   */
  drawBusy(): boolean {
    return this.busyShare > 0 && this.random.next() < this.busyShare;
  }

  /** Whether this call's access_token is refused by `setTokenRejections` (counts it down). */
  drawTokenRejection(): boolean {
    if (this.rejectionsLeft === 0) return false;
    this.rejectionsLeft -= 1;
    return true;
  }

  isRateLimited(appId: string, userId: string): boolean {
    return this.rateLimitedUsers.size > 0 && this.rateLimitedUsers.has(userKey(appId, userId));
  }

  isBlocked(appId: string, userId: string): boolean {
    return this.blockedUsers.size > 0 && this.blockedUsers.has(userKey(appId, userId));
  }
}

function toggle(set: Set<string>, key: string, on: boolean): void {
  if (on) set.add(key);
  else set.delete(key);
}
