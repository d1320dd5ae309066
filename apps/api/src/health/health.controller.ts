import { Controller, Get, Res } from '@nestjs/common';
import type { HealthResponse } from '@wxlogin/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { Database, statement } from '../database/database';

const PING = statement('health_ping', 'SELECT 1 AS ok');
const PING_TIMEOUT_MS = 2000;

@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  /** 200 when PostgreSQL answers within 2 s, 503 otherwise (for load balancers and compose). */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const isUp = await Promise.race([
      this.db.query(PING, []).then(
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
