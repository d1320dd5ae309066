/**
 * The simulator's built-in development app. Public and fake: it exists only inside this
 * simulator, so the API can run in development without a real WeChat AppID.
 */
export const DEV_APP = {
  appId: 'wx5f3c9a2b7d1e4c60',
  secret: '5ec7e75e0c3d4b1a9f2e8d7c6b5a4f30',
} as const satisfies SimAppConfig;

/** One mini-program known to the simulator. */
export interface SimAppConfig {
  appId: string;
  secret: string;
  /**
   * Bound to a WeChat Open Platform account: jscode2session and open data then carry a unionid,
   * the same for a user across all union-bound apps of this simulator.
   */
  unionBound?: boolean;
}

/**
 * When wx.login replaces a user's session_key.
 * - `always`: every login mints a new key (what WeChat's docs allow and what breaks open data
 *   taken before the login — docs/pitfalls.md#pitfall-stale-session-key). The default.
 * - `keep-while-fresh`: a login within {@link SimulatorOptions.keepFreshMs} of the last rotation
 *   keeps the key, like the minimum refresh period the pre-2020 docs described.
 */
export type SessionKeyRotation = 'always' | 'keep-while-fresh';

export const SESSION_KEY_ROTATIONS: readonly SessionKeyRotation[] = ['always', 'keep-while-fresh'];

/** Options of {@link Simulator}. Every field is optional. */
export interface SimulatorOptions {
  /** Apps the simulator knows. Default `[DEV_APP]`. */
  apps?: SimAppConfig[];
  /** Session key rotation policy. Default `'always'`. */
  rotation?: SessionKeyRotation;
  /** Clock value at start and after `reset()`, in ms since the epoch. Default: `Date.now()`. */
  startTime?: number;
  /**
   * Stop the clock: it then moves only through `clock.advance()`. Default `false`: the clock
   * follows real time (plus every advance), so a long-running dev server expires codes and tokens.
   */
  freezeClock?: boolean;
  /** Lifetime of a session_key from its minting. Default 3 days. */
  sessionKeyLifetimeMs?: number;
  /** With rotation `keep-while-fresh`: how long after a rotation logins keep the key. Default 5 min. */
  keepFreshMs?: number;
  /**
   * jscode2session calls allowed per user and clock minute before 45011 ("100 per user per
   * minute", code2Session docs). Default 100; `0` disables the quota (for load tests on few users).
   */
  perUserMinuteQuota?: number;
  /** Seed of the generator that decides which calls the busy-rate fault answers with -1. Default 1. */
  seed?: number;
}
