import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './error-envelope';
import { type AppLogger, InjectLogger } from './logger';

/** The one global filter: every error leaves the API as a contract error envelope. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@InjectLogger() private readonly logger: AppLogger) {}

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
