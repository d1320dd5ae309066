import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { ApiError } from './api-error';

const WINDOW_MS = 60_000;

/**
 * Per-IP limit on the public auth routes: at most RATE_LIMIT_PER_MINUTE requests per fixed
 * one-minute window, counted in this process (each instance limits on its own; a shared limit
 * belongs in the proxy). The whole table is dropped when a window ends, so memory stays bounded
 * by one minute's distinct clients.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private windowStartedAt = 0;
  private readonly hits = new Map<string, number>();

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const now = Date.now();
    if (now - this.windowStartedAt >= WINDOW_MS) {
      this.hits.clear();
      this.windowStartedAt = now;
    }
    const ip = context.switchToHttp().getRequest<FastifyRequest>().ip;
    const count = (this.hits.get(ip) ?? 0) + 1;
    this.hits.set(ip, count);
    if (count > this.config.rateLimitPerMinute) throw new ApiError('RATE_LIMITED');
    return true;
  }
}
