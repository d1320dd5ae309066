import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './error-envelope';
import { InjectLogger, type WxLoginLogger } from '../common/logger';

/**
 * Every error leaves as the contract's error envelope (`{ error: { code, message, requestId,
 * retryable } }`): an ApiError with its code, a database that is down or too slow as a retryable
 * SERVICE_UNAVAILABLE, framework 4xx by status, anything else as a logged INTERNAL_ERROR. The
 * module's controllers apply it to themselves; a host may register it globally (`APP_FILTER`) so
 * that its own routes and Nest's 404s answer the same way.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@InjectLogger() private readonly logger: WxLoginLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(
      error,
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      this.logger,
    );
  }
}
