import { Injectable } from '@nestjs/common';
import { GRANT_TYPE, WECHAT_ENDPOINTS } from '@wxlogin/wechat-protocol';
import * as z from 'zod';
import type { WxApp } from '../options/wxlogin-options';
import { Database, statement } from '../database/database';
import { ApiError } from '../common/api-error';
import { type WxLoginLogger, InjectLogger } from '../common/logger';
import { withBusyRetry } from './busy-retry';
import { wechatFailureToApiError } from './wechat-error.mapper';
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
/** Tokens WeChat rejected are remembered this long (a token lives 7200 s at most)... */
const REJECTED_MEMORY_MS = 7_200_000;
/** ...and at most this many per app: only the last few can still be in anyone's hands. */
const REJECTED_PER_APP = 8;

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
 * may have refreshed while we waited). WxJava#369/#324 show what goes wrong without this; the
 * endpoint: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
 */
@Injectable()
export class WechatAccessTokenProvider {
  private readonly memory = new Map<string, CachedToken>();
  /** One refresh per app at a time in this process: waiters share it instead of each holding a
   * pooled connection while queued on the advisory lock. */
  private readonly refreshing = new Map<string, Promise<string>>();
  /** Per app: tokens WeChat rejected (40001/40014/42001) and when. Never cached or handed out
   * again, even while a stored row or another instance still offers them. */
  private readonly rejected = new Map<string, Map<string, number>>();

  constructor(
    private readonly db: Database,
    private readonly http: WechatHttpClient,
    @InjectLogger() private readonly logger: WxLoginLogger,
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
    if (row !== undefined && !this.isRejected(app, row.access_token)) {
      return this.remember(app, row.access_token, row.expires_at);
    }
    return this.sharedRefresh(app);
  }

  /**
   * WeChat rejected `token` (40001/40014/42001): returns a token other than it, for the one retry.
   * The stored row is expired first, and only if it still holds `token` (if another instance
   * already replaced it, that newer token is kept: WxJava's compare-then-expire); only then is
   * the in-memory copy dropped, and only if it is still `token`, so a concurrent reader cannot
   * re-cache the stored rejected token in between. The rejected token is remembered so that no
   * path (a refresh already under way, a late reader) hands it out again.
   */
  async replaceRejected(app: WxApp, token: string): Promise<string> {
    this.markRejected(app, token);
    await this.db.query(EXPIRE_IF_CURRENT, [app.appId, token]);
    if (this.memory.get(app.appId)?.token === token) this.memory.delete(app.appId);
    const fresh = await this.get(app);
    if (fresh !== token) return fresh;
    // A refresh that began before the rejection may have handed the old token back once.
    const second = await this.get(app);
    if (second !== token) return second;
    throw new ApiError('WX_UNAVAILABLE', 'WeChat keeps handing out an access_token it rejects');
  }

  /** One refresh per app at a time in this process: concurrent callers share it. */
  private sharedRefresh(app: WxApp): Promise<string> {
    const pending = this.refreshing.get(app.appId);
    if (pending !== undefined) return pending;
    const refresh = this.refresh(app).finally(() => this.refreshing.delete(app.appId));
    this.refreshing.set(app.appId, refresh);
    return refresh;
  }

  private async refresh(app: WxApp): Promise<string> {
    const { token, expiresAt } = await this.db.transaction(async (tx) => {
      await tx.query(LOCK_APP, [app.appId]);
      const [fresh] = await tx.query<{ access_token: string; expires_at: Date }>(SELECT_FRESH, [
        app.appId,
        REFRESH_MARGIN_SECONDS,
      ]);
      if (fresh !== undefined && !this.isRejected(app, fresh.access_token)) {
        return { token: fresh.access_token, expiresAt: fresh.expires_at };
      }
      let reply = await this.fetchStableToken(app, false);
      if (this.isRejected(app, reply.access_token)) {
        // Normal mode handed back the very token WeChat's APIs refuse (its two sides disagree):
        // only a forced refresh gets another one. WeChat allows 20 a day and serves forces closer
        // than 30 s apart like normal mode, so this cannot run away.
        this.logger.warn({ appId: app.appId }, 'stable_token returned a rejected token; forcing');
        reply = await this.fetchStableToken(app, true);
      }
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

  private fetchStableToken(app: WxApp, forceRefresh: boolean) {
    return withBusyRetry(() =>
      this.http.request({
        path: WECHAT_ENDPOINTS.getStableAccessToken.path,
        body: {
          grant_type: GRANT_TYPE.clientCredential,
          appid: app.appId,
          secret: app.secret,
          force_refresh: forceRefresh,
        },
        success: parseStableTokenReply,
      }),
    ).catch((error: unknown) => {
      throw wechatFailureToApiError('token', error);
    });
  }

  private remember(app: WxApp, token: string, expiresAt: Date): string {
    if (!this.isRejected(app, token)) {
      this.memory.set(app.appId, { token, expiresAt: expiresAt.getTime(), cachedAt: Date.now() });
    }
    return token;
  }

  private markRejected(app: WxApp, token: string): void {
    let tokens = this.rejected.get(app.appId);
    if (tokens === undefined) {
      tokens = new Map();
      this.rejected.set(app.appId, tokens);
    }
    tokens.delete(token);
    tokens.set(token, Date.now());
    // Insertion order is rejection order: drop the oldest beyond the bound.
    for (const oldest of tokens.keys()) {
      if (tokens.size <= REJECTED_PER_APP) break;
      tokens.delete(oldest);
    }
  }

  private isRejected(app: WxApp, token: string): boolean {
    const rejectedAt = this.rejected.get(app.appId)?.get(token);
    return rejectedAt !== undefined && Date.now() - rejectedAt < REJECTED_MEMORY_MS;
  }
}
