import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InjectSettings, type WxLoginSettings } from '../options/wxlogin-options';
import { SharedRedis } from '../redis/shared-redis';
import { ApiError } from '../common/api-error';

const WINDOW_MS = 60_000;
/** Clients counted at once in process (LRU): far more than one minute's distinct IPs here. */
const LOCAL_CLIENTS = 100_000;
/** Keys in the shared Redis: `wxlogin:rate-limit:<ip>`. */
const REDIS_NAMESPACE = 'wxlogin:rate-limit:';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Per-IP limit on the public auth routes (login, refresh, one budget for both):
 * `rateLimitPerMinute` requests per one-minute window, counted by `@fastify/rate-limit` — in
 * the shared Redis when `redisUrl` is set, so that several instances give a client one budget,
 * else in this process. Over the limit: RATE_LIMITED (429) with Retry-After, in the envelope.
 *
 * Redis down, slow or frozen FAILS OPEN: the request goes through uncounted after at most
 * `redisTimeoutMs`, with a (throttled) warn log. A login must not fail because the limiter's
 * store is down; the database and WeChat's own per-user quota still bound the damage, and the
 * operator sees the warning (docs/security.md).
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleInit {
  private limiter: Limiter | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly redis: SharedRedis,
    @InjectSettings() private readonly settings: WxLoginSettings,
  ) {}

  onModuleInit() {
    // Queued now, loaded by Fastify's ready() before the first request; its decorator is read
    // then (awaiting register() here does not guarantee the plugin has loaded inside Nest's init).
    void this.fastify().register(fastifyRateLimit, {
      // Only where this guard asks: no hook on other routes.
      global: false,
      max: this.settings.rateLimitPerMinute,
      timeWindow: WINDOW_MS,
      cache: LOCAL_CLIENTS,
      ...(this.redis.client === undefined
        ? {}
        : { redis: this.redis.client, nameSpace: REDIS_NAMESPACE }),
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    this.limiter ??= this.fastify().createRateLimit();
    const http = context.switchToHttp();
    let verdict: Awaited<ReturnType<Limiter>>;
    try {
      verdict = await this.limiter(http.getRequest<FastifyRequest>());
    } catch (error) {
      this.redis.warnUnavailable('rate limit (request let through uncounted)', error);
      return true;
    }
    if (verdict.isAllowed || !verdict.isExceeded) return true;
    void http.getResponse<FastifyReply>().header('retry-after', verdict.ttlInSeconds);
    throw new ApiError('RATE_LIMITED');
  }

  private fastify(): FastifyInstance {
    return this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
  }
}
