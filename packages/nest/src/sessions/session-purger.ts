import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { type WxLoginLogger, InjectLogger } from '../common/logger';
import { SessionsRepository } from './sessions.repository';

/** Rows per DELETE: short transactions, bounded WAL bursts. */
const PURGE_BATCH = 1000;

/**
 * Deletes sessions that expired or were revoked more than `sessionRetentionDays` ago, with their
 * used refresh tokens, every `sessionPurgeIntervalSeconds`. Every instance runs it; batches skip
 * rows another instance is deleting, so they share the work. A dead session can never be used
 * again, so deleting it changes no answer the module gives: a used refresh token presented after
 * its session is gone is REFRESH_TOKEN_INVALID instead of REFRESH_TOKEN_REUSED, both refused. It
 * also erases the sealed refresh successors whose reuse interval is over.
 */
@Injectable()
export class SessionPurger implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly sessions: SessionsRepository,
    @InjectSettings() private readonly settings: WxLoginSettings,
    @InjectLogger() private readonly logger: WxLoginLogger,
  ) {}

  onApplicationBootstrap() {
    const intervalMs = this.settings.sessionPurgeIntervalSeconds * 1000;
    if (intervalMs === 0) return;
    this.timer = setInterval(() => void this.purgeNow().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /** Waits for a purge under way, so that shutdown does not close the pool under it. */
  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs one purge (or joins the one under way); resolves to the number of sessions deleted. */
  purgeNow(): Promise<number> {
    this.running ??= this.purgeAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async purgeAll(): Promise<number> {
    let deleted = 0;
    try {
      for (;;) {
        const batch = await this.sessions.purgeDead(
          this.settings.sessionRetentionDays,
          PURGE_BATCH,
        );
        deleted += batch;
        if (batch < PURGE_BATCH) break;
      }
      await this.sessions.clearExpiredSuccessors();
    } catch (error) {
      this.logger.warn({ err: error, deleted }, 'session purge failed; retrying next interval');
      throw error;
    }
    if (deleted > 0) this.logger.info({ deleted }, 'dead sessions purged');
    return deleted;
  }
}
