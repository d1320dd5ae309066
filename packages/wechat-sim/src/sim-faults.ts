import { SeededRandom } from './seeded-random';

/** Fault injection, as tests and benchmarks drive it. */
export interface FaultControls {
  /** Share in [0, 1] of WeChat-server calls answered `-1` (system busy), drawn from a seeded PRNG. */
  setBusyRate(share: number): void;
  /** Delay added before every WeChat-server answer over HTTP (the in-process API has no I/O). */
  setLatencyMs(ms: number): void;
  /**
   * A share in [0, 1] of WeChat-server calls over HTTP is answered `delayMs` late: the call is
   * carried out at once (a login code is consumed), only its answer is held back. Set `delayMs`
   * above a client's timeout to make it give up on an answer WeChat has already acted on.
   */
  setSlowCalls(share: number, delayMs: number): void;
  /** A share in [0, 1] of WeChat-server calls over HTTP waits a random 0–`maxMs` ms first. */
  setLatencySpikes(share: number, maxMs: number): void;
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
  readonly slowCalls: SlowCalls;
  readonly latencySpikes: LatencySpikes;
  /** Calls still to be answered 40001 by `setTokenRejections`. */
  readonly tokenRejections: number;
}

/** {@link FaultControls.setSlowCalls}: which share of answers arrives how late. */
export interface SlowCalls {
  share: number;
  delayMs: number;
}

/** {@link FaultControls.setLatencySpikes}: which share of calls waits up to how long. */
export interface LatencySpikes {
  share: number;
  maxMs: number;
}

/** How long one WeChat-server call over HTTP waits before its work, and after it. */
export interface CallDelays {
  beforeMs: number;
  afterMs: number;
}

const NO_SLOW_CALLS: SlowCalls = { share: 0, delayMs: 0 };
const NO_LATENCY_SPIKES: LatencySpikes = { share: 0, maxMs: 0 };

function userKey(appId: string, userId: string): string {
  return `${appId}\n${userId}`;
}

export class SimFaults implements FaultControls {
  private busyShare = 0;
  private latency = 0;
  private slow = NO_SLOW_CALLS;
  private spikes = NO_LATENCY_SPIKES;
  private rejectionsLeft = 0;
  private readonly rateLimitedUsers = new Set<string>();
  private readonly blockedUsers = new Set<string>();
  private readonly random: SeededRandom;
  // One stream per fault, so that turning on delays does not change which calls answer -1.
  private readonly slowRandom: SeededRandom;
  private readonly spikeRandom: SeededRandom;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
    this.slowRandom = new SeededRandom(seed + 1);
    this.spikeRandom = new SeededRandom(seed + 2);
  }

  get busyRate(): number {
    return this.busyShare;
  }

  get latencyMs(): number {
    return this.latency;
  }

  get slowCalls(): SlowCalls {
    return { ...this.slow };
  }

  get latencySpikes(): LatencySpikes {
    return { ...this.spikes };
  }

  setBusyRate(share: number): void {
    this.busyShare = checkedShare('busy rate', share);
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
    this.latency = checkedMs('latency', ms);
  }

  setSlowCalls(share: number, delayMs: number): void {
    this.slow = {
      share: checkedShare('slow-call share', share),
      delayMs: checkedMs('slow-call delay', delayMs),
    };
  }

  setLatencySpikes(share: number, maxMs: number): void {
    this.spikes = {
      share: checkedShare('latency-spike share', share),
      maxMs: checkedMs('latency-spike maximum', maxMs),
    };
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
    this.slow = NO_SLOW_CALLS;
    this.spikes = NO_LATENCY_SPIKES;
    this.rejectionsLeft = 0;
    this.rateLimitedUsers.clear();
    this.blockedUsers.clear();
  }

  /** Faults cleared and the PRNG back to its first draw. */
  reset(): void {
    this.clear();
    this.random.reset();
    this.slowRandom.reset();
    this.spikeRandom.reset();
  }

  /**
   * Draws whether this call is answered -1. Draws nothing while the rate is 0, so which calls fail
   * depends only on the calls made while a rate is set.
   */
  drawBusy(): boolean {
    return this.busyShare > 0 && this.random.next() < this.busyShare;
  }

  /**
   * Draws the delays of one call over HTTP: the fixed latency plus a possible spike before the
   * call is carried out, and the slow-call delay after it. Draws nothing for a fault that is off.
   */
  drawDelays(): CallDelays {
    const { share: spikeShare, maxMs } = this.spikes;
    const spikeMs =
      spikeShare > 0 && this.spikeRandom.next() < spikeShare
        ? Math.round(this.spikeRandom.next() * maxMs)
        : 0;
    const { share: slowShare, delayMs } = this.slow;
    const isSlow = slowShare > 0 && this.slowRandom.next() < slowShare;
    return { beforeMs: this.latency + spikeMs, afterMs: isSlow ? delayMs : 0 };
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

function checkedShare(name: string, share: number): number {
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new RangeError(`${name} must be within [0, 1], got ${share}`);
  }
  return share;
}

function checkedMs(name: string, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`${name} must be a finite ms >= 0, got ${ms}`);
  }
  return ms;
}

function toggle(set: Set<string>, key: string, on: boolean): void {
  if (on) set.add(key);
  else set.delete(key);
}
