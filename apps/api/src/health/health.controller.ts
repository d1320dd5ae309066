import { Controller, Get, Res } from '@nestjs/common';
import { type HealthResponse, ROUTES } from '@wxlogin/contracts';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';

const PING_TIMEOUT_MS = 2000;

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** 200 when PostgreSQL answers within 2 s, 503 otherwise (for load balancers and compose). */
  @Get(ROUTES.health.path)
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const isUp = await Promise.race([
      this.dataSource.query('SELECT 1 AS ok').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, PING_TIMEOUT_MS, false).unref()),
    ]);
    void reply.header('cache-control', 'no-store');
    if (!isUp) {
      void reply.status(503);
      return { status: 'unavailable', database: 'down' };
    }
    return { status: 'ok', database: 'up' };
  }
}
