import { HttpException } from '@nestjs/common';
import { ERROR_CATALOGUE, type ErrorCode, type ErrorEnvelope } from '@wxlogin/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import type { AppLogger } from './logger';

interface Classified {
  code: ErrorCode;
  publicDetail?: string;
  /** Unexpected (a bug or a server-side misconfiguration): logged at error level. */
  isUnexpected: boolean;
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 404:
    case 405:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 406:
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return status >= 400 && status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL_ERROR';
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const status = error.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps anything thrown while handling a request to a contract error code. Fastify's own errors
 * (bad JSON, body too large, unsupported content type, multipart limits) carry a 4xx
 * `statusCode`; everything without a known shape is an unexpected 500.
 */
export function classifyError(error: unknown): Classified {
  if (error instanceof ApiError) {
    return {
      code: error.code,
      publicDetail: error.isDetailPublic ? error.detail : undefined,
      isUnexpected: error.code === 'INTERNAL_ERROR',
    };
  }
  const status = error instanceof HttpException ? error.getStatus() : statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return { code: codeForStatus(status), isUnexpected: false };
  }
  return { code: 'INTERNAL_ERROR', isUnexpected: true };
}

/** Sends the `{ error: { code, message, requestId, retryable } }` envelope for `error`. */
export function sendError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: AppLogger,
): void {
  const { code, publicDetail, isUnexpected } = classifyError(error);
  const info = ERROR_CATALOGUE[code];
  if (isUnexpected) {
    logger.error(
      { err: error, reqId: request.id, url: request.routeOptions.url },
      'request failed',
    );
  } else if (error instanceof ApiError && error.cause !== undefined) {
    logger.warn({ code, err: error.cause, reqId: request.id }, error.message);
  }
  const envelope: ErrorEnvelope = {
    error: {
      code,
      message: publicDetail === undefined ? info.message : `${info.message}: ${publicDetail}`,
      requestId: String(request.id),
      retryable: info.retryable,
    },
  };
  // The rate limiter sets the window's real remainder; a minute otherwise.
  if ((code === 'RATE_LIMITED' || code === 'WX_RATE_LIMITED') && !reply.hasHeader('retry-after')) {
    void reply.header('retry-after', '60');
  }
  void reply.status(info.status).header('cache-control', 'no-store').send(envelope);
}
