import { HttpException } from '@nestjs/common';
import { ERROR_CATALOGUE, type ErrorCode, type ErrorEnvelope } from '@wxlogin/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isTemporaryDatabaseFailure } from '../database/database-failure';
import { ApiError } from '../common/api-error';
import type { WxLoginLogger } from '../common/logger';

interface Classified {
  code: ErrorCode;
  publicDetail?: string;
  /** Unexpected (a bug or a server-side misconfiguration): logged at error level. */
  isUnexpected: boolean;
  /** A dependency (the database) is down or too slow: logged at warn level. */
  isDependencyFailure?: boolean;
}

/**
 * `Retry-After` seconds of the retryable answers with a status that asks for one (429, 503). A
 * database outage or restart is usually over in seconds; limits run per minute.
 */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  RATE_LIMITED: 60,
  WX_RATE_LIMITED: 60,
  WX_UNAVAILABLE: 2,
  SERVICE_UNAVAILABLE: 2,
};

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHENTICATED';
    case 404:
    case 405:
      return 'NOT_FOUND';
    case 408:
      return 'REQUEST_TIMEOUT';
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
 * (bad JSON or URL, body too large, unsupported content type, multipart limits) carry a 4xx
 * `statusCode`; a database that is down, overloaded or too slow is a retryable
 * SERVICE_UNAVAILABLE; everything without a known shape is an unexpected 500.
 */
export function classifyError(error: unknown): Classified {
  if (error instanceof ApiError) {
    return {
      code: error.code,
      publicDetail: error.isDetailPublic ? error.detail : undefined,
      isUnexpected: error.code === 'INTERNAL_ERROR',
    };
  }
  if (isTemporaryDatabaseFailure(error)) {
    return { code: 'SERVICE_UNAVAILABLE', isUnexpected: false, isDependencyFailure: true };
  }
  const status = error instanceof HttpException ? error.getStatus() : statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return { code: codeForStatus(status), isUnexpected: false };
  }
  return { code: 'INTERNAL_ERROR', isUnexpected: true };
}

/** What a log line may say about a dependency's failure: no parameters, rows or URLs. */
function describeFailure(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { type: typeof error };
  const { name, code, message } = error as Record<string, unknown>;
  return { name, code, message };
}

/** The `{ error: { code, message, requestId, retryable } }` envelope of `code`. */
export function envelopeFor(code: ErrorCode, requestId: string, detail?: string): ErrorEnvelope {
  const info = ERROR_CATALOGUE[code];
  return {
    error: {
      code,
      message: detail === undefined ? info.message : `${info.message}: ${detail}`,
      requestId,
      retryable: info.retryable,
    },
  };
}

/** Headers every error answer carries besides `x-request-id`. */
export function errorHeaders(code: ErrorCode): Record<string, string> {
  const retryAfter = RETRY_AFTER_SECONDS[code];
  return {
    'cache-control': 'no-store',
    ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
  };
}

/**
 * Sends the error envelope for `error`. Does nothing when the reply is already sent: the
 * request deadline answered first, and the work that was still running has now failed too.
 */
export function sendError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: WxLoginLogger,
): void {
  const { code, publicDetail, isUnexpected, isDependencyFailure } = classifyError(error);
  const route = request.routeOptions.url;
  if (isUnexpected) {
    logger.error({ err: error, reqId: request.id, url: route }, 'request failed');
  } else if (isDependencyFailure === true) {
    logger.warn(
      { code, reqId: request.id, route, cause: describeFailure(error) },
      'database unavailable',
    );
  } else if (error instanceof ApiError && error.cause !== undefined) {
    logger.warn({ code, err: error.cause, reqId: request.id }, error.message);
  }
  if (reply.sent) return;
  const headers = errorHeaders(code);
  // The rate limiter sets the window's real remainder: keep it.
  if (reply.hasHeader('retry-after')) delete headers['retry-after'];
  void reply
    .status(ERROR_CATALOGUE[code].status)
    .headers({ 'x-request-id': String(request.id), ...headers })
    .send(envelopeFor(code, String(request.id), publicDetail));
}
