import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { type WxLoginLogger, InjectLogger } from '../common/logger';

/** At most one "Redis unavailable" warning per this long (a down Redis fails every request). */
const WARN_EVERY_MS = 10_000;
/** Reconnection backoff: 100 ms more per attempt, at most this. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * The connection to the Redis that the instances share (`redisUrl`), or none. Everything stored
 * there is an optimisation across instances — the rate-limit counters, the double-tap guard's
 * outcomes — so every wait on it is bounded and its users go on without it: connecting and each
 * command give up after `redisTimeoutMs`, no command is queued while disconnected (it fails at
 * once instead), and none is retried after a dropped connection. ioredis reconnects in the
 * background.
 */
@Injectable()
export class SharedRedis implements OnModuleDestroy {
  /** `undefined` when `redisUrl` is unset: per-process state only. */
  readonly client: Redis | undefined;
  private lastWarnedAt = 0;
  private failuresSinceWarning = 0;

  constructor(
    @InjectSettings() settings: WxLoginSettings,
    @InjectLogger() private readonly logger: WxLoginLogger,
  ) {
    if (settings.redisUrl === undefined) return;
    this.client = new Redis(settings.redisUrl, {
      connectTimeout: settings.redisTimeoutMs,
      commandTimeout: settings.redisTimeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
    });
    this.client.on('error', (error: Error) => this.warnUnavailable('connection', error));
  }

  /**
   * Logs that Redis failed `purpose` and what the caller does instead, at most once per
   * WARN_EVERY_MS with the number of failures since the last line. The error's message only: it
   * names host and port, never `redisUrl`'s password.
   */
  warnUnavailable(purpose: string, error: unknown): void {
    this.failuresSinceWarning += 1;
    const now = Date.now();
    if (now - this.lastWarnedAt < WARN_EVERY_MS) return;
    this.logger.warn(
      {
        purpose,
        failures: this.failuresSinceWarning,
        reason: error instanceof Error ? error.message : String(error),
      },
      'shared Redis unavailable; going on with per-process state',
    );
    this.lastWarnedAt = now;
    this.failuresSinceWarning = 0;
  }

  onModuleDestroy() {
    // disconnect, not quit: quit waits for an answer a frozen Redis never gives.
    this.client?.disconnect();
  }
}
