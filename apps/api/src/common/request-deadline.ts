import { ServerResponse } from 'node:http';
import { StreamableFile } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { sendError } from './error-envelope';
import type { AppLogger } from './logger';

export interface RequestDeadlines {
  /** Once the request has arrived, the API answers within this many ms. */
  readonly deadlineMs: number;
  /** How long the body may take to arrive (Node's `requestTimeout`). */
  readonly bodyTimeoutMs: number;
}

/** Multipart bodies are left unread by the parser and streamed by the handler (avatar upload). */
function isBodyReadByHandler(request: FastifyRequest): boolean {
  return /^multipart\/form-data/i.test(request.headers['content-type'] ?? '');
}

/**
 * No request waits longer than the deadline: when it passes, the request is answered
 * SERVICE_UNAVAILABLE (retryable) whatever is still pending — guards, the database, WeChat. The
 * clock starts once the body has arrived (its own limit is the body timeout), so for a body the
 * handler reads itself the body timeout is added. The work still running is not aborted: every
 * wait in it is bounded (database and WeChat timeouts), a transaction it commits later is whole,
 * and its connection goes back to the pool or is dropped; its late answer is discarded.
 */
export function enforceRequestDeadline(
  fastify: FastifyInstance,
  { deadlineMs, bodyTimeoutMs }: RequestDeadlines,
  logger: AppLogger,
): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    const ms = isBodyReadByHandler(request) ? deadlineMs + bodyTimeoutMs : deadlineMs;
    const timer = setTimeout(() => {
      if (reply.sent) return;
      logger.warn(
        { reqId: request.id, route: request.routeOptions.url, ms },
        'request deadline passed',
      );
      sendError(
        new ApiError('SERVICE_UNAVAILABLE', 'request deadline passed'),
        request,
        reply,
        logger,
      );
    }, ms);
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}

/**
 * Nest's Fastify adapter, except that a handler's answer arriving after the deadline already
 * answered is dropped quietly (Fastify would log it as a "Reply was already sent" bug).
 */
export class DeadlineAwareFastifyAdapter extends FastifyAdapter {
  override reply(response: FastifyReply | ServerResponse, body: unknown, statusCode?: number) {
    if (!(response instanceof ServerResponse) && response.sent) {
      if (body instanceof StreamableFile) body.getStream().destroy();
      return response;
    }
    return super.reply(response, body, statusCode);
  }
}
