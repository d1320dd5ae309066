import { ServerResponse } from 'node:http';
import { StreamableFile } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import type { WxLoginLogger } from '../common/logger';
import { sendError } from './error-envelope';

/** Bounds a host puts on every request. */
export interface RequestLimits {
  /** Once a request has arrived, it is answered within this many ms (else 503, retryable). */
  readonly deadlineMs: number;
  /** Its headers and body must arrive within this many ms (else 408 REQUEST_TIMEOUT). */
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
  { deadlineMs, bodyTimeoutMs }: RequestLimits,
  logger: WxLoginLogger,
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
