import { Injectable } from '@nestjs/common';
import * as z from 'zod';
import type { WxApp } from '../config/app-config';
import { Database, statement } from '../database/database';
import { type AppLogger, InjectLogger } from '../common/logger';
import { withBusyRetry } from './busy-retry';
import { toApiError } from './wechat-error.mapper';
import { WechatHttpClient, zodReplyParser } from './wechat-http.client';

const parseStableTokenReply = zodReplyParser(
  z.object({
    access_token: z.string().min(1).max(1024),
    expires_in: z.number().int().positive(),
  }),
);

/** A token WeChat guarantees for at least 5 minutes; refresh before that margin. */
const REFRESH_MARGIN_SECONDS = 120;
/** How long an instance trusts its in-memory copy before re-reading the shared row. */
const MEMORY_TTL_MS = 30_000;

const SELECT_FRESH = statement(
  'access_token_select',
  `SELECT access_token, expires_at FROM wechat_access_tokens
    WHERE app_id = $1 AND expires_at > now() + make_interval(secs => $2)`,
);
const LOCK_APP = statement(
  'access_token_lock',
  `SELECT pg_advisory_xact_lock(hashtextextended('wechat_access_token:' || $1, 0))`,
);
const UPSERT = statement(
  'access_token_upsert',
  `INSERT INTO wechat_access_tokens (app_id, access_token, expires_at, updated_at)
   VALUES ($1, $2, now() + make_interval(secs => $3), now())
   ON CONFLICT (app_id) DO UPDATE
     SET access_token = EXCLUDED.access_token, expires_at = EXCLUDED.expires_at, updated_at = now()
   RETURNING expires_at`,
);
const EXPIRE_IF_CURRENT = statement(
  'access_token_expire',
  `UPDATE wechat_access_tokens SET expires_at = now() WHERE app_id = $1 AND access_token = $2`,
);

interface CachedToken {
  token: string;
  expiresAt: number;
  cachedAt: number;
}

/**
 * WeChat access_token per app, fetched with `cgi-bin/stable_token` (normal mode: every caller
 * gets the same token while it is valid, so instances do not invalidate each other) and cached in
 * PostgreSQL for every instance, with a short in-memory copy in front. One instance refreshes at
 * a time: a transaction-scoped advisory lock, then a second look at the row (another instance
 * may have refreshed while we waited). PROTOCOL.md §5; WxJava#369/#324 for what goes wrong
 * without this.
 */
@Injectable()
export class AccessTokenProvider {
  private readonly memory = new Map<string, CachedToken>();
  /** One refresh per app at a time in this process: waiters share it instead of each holding a
   * pooled connection while queued on the advisory lock. */
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(
    private readonly db: Database,
    private readonly http: WechatHttpClient,
    @InjectLogger() private readonly logger: AppLogger,
  ) {}

  async get(app: WxApp): Promise<string> {
    const now = Date.now();
    const cached = this.memory.get(app.appId);
    if (
      cached !== undefined &&
      now - cached.cachedAt < MEMORY_TTL_MS &&
      cached.expiresAt - now > REFRESH_MARGIN_SECONDS * 1000
    ) {
      return cached.token;
    }
    const [row] = await this.db.query<{ access_token: string; expires_at: Date }>(SELECT_FRESH, [
      app.appId,
      REFRESH_MARGIN_SECONDS,
    ]);
    if (row !== undefined) return this.remember(app, row.access_token, row.expires_at);
    const pending = this.refreshing.get(app.appId);
    if (pending !== undefined) return pending;
    const refresh = this.refresh(app).finally(() => this.refreshing.delete(app.appId));
    this.refreshing.set(app.appId, refresh);
    return refresh;
  }

  /**
   * WeChat rejected `token` (40001/42001). Expire it only if it is still the cached one: if
   * another instance already replaced it, that newer token is kept (WxJava's compare-then-expire).
   */
  async invalidate(app: WxApp, token: string): Promise<void> {
    if (this.memory.get(app.appId)?.token === token) this.memory.delete(app.appId);
    await this.db.query(EXPIRE_IF_CURRENT, [app.appId, token]);
  }

  private async refresh(app: WxApp): Promise<string> {
    const { token, expiresAt } = await this.db.transaction(async (tx) => {
      await tx.query(LOCK_APP, [app.appId]);
      const [fresh] = await tx.query<{ access_token: string; expires_at: Date }>(SELECT_FRESH, [
        app.appId,
        REFRESH_MARGIN_SECONDS,
      ]);
      if (fresh !== undefined) return { token: fresh.access_token, expiresAt: fresh.expires_at };
      const reply = await withBusyRetry(() =>
        this.http.request({
          path: '/cgi-bin/stable_token',
          body: {
            grant_type: 'client_credential',
            appid: app.appId,
            secret: app.secret,
            force_refresh: false,
          },
          success: parseStableTokenReply,
        }),
      ).catch((error: unknown) => {
        throw toApiError('token', error);
      });
      const [saved] = await tx.query<{ expires_at: Date }>(UPSERT, [
        app.appId,
        reply.access_token,
        reply.expires_in,
      ]);
      this.logger.info(
        { appId: app.appId, expiresIn: reply.expires_in },
        'fetched a WeChat access_token',
      );
      return { token: reply.access_token, expiresAt: saved?.expires_at ?? new Date() };
    });
    return this.remember(app, token, expiresAt);
  }

  private remember(app: WxApp, token: string, expiresAt: Date): string {
    this.memory.set(app.appId, { token, expiresAt: expiresAt.getTime(), cachedAt: Date.now() });
    return token;
  }
}
