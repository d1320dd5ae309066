import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { WxLoginLogger } from '../common/logger';
import { answerClientError } from './client-error';
import { sendError } from './error-envelope';
import {
  DeadlineAwareFastifyAdapter,
  enforceRequestDeadline,
  type RequestLimits,
} from './request-deadline';
import { requestIdFor } from './request-id';

/** How often Node looks for requests past their headers/body timeout (its default is 30 s). */
function timeoutCheckInterval(timeoutMs: number): number {
  return Math.max(50, Math.min(1000, Math.floor(timeoutMs / 4)));
}

/**
 * The Fastify adapter for a host of the module. On top of the host's `server` options: request
 * ids (an incoming X-Request-Id is kept when short and plain), the body timeout checked often
 * enough to be met, and what Node's HTTP parser or Fastify's router refuse — broken framing, a
 * body too slow, a bad URL encoding — answered in the same error envelope as everything else.
 * A late answer after the deadline has answered is dropped quietly.
 */
export function createWxLoginFastifyAdapter(
  limits: RequestLimits,
  logger: WxLoginLogger,
  server: FastifyServerOptions = {},
): DeadlineAwareFastifyAdapter {
  return new DeadlineAwareFastifyAdapter({
    ...server,
    genReqId: requestIdFor,
    requestIdHeader: false,
    requestTimeout: limits.bodyTimeoutMs,
    http: {
      headersTimeout: limits.bodyTimeoutMs,
      connectionsCheckingInterval: timeoutCheckInterval(limits.bodyTimeoutMs),
    },
    clientErrorHandler: answerClientError(logger),
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      sendError(error, request, reply, logger),
  });
}

/**
 * What a host of the module applies once the app exists (after `NestFactory.create`): every
 * answer carries `x-request-id`; an empty body with a JSON content type — what mini-program
 * request wrappers send for a body-less POST such as logout — means "no body" instead of a 400
 * (Fastify's own parser otherwise, prototype poisoning refused); and the request deadline.
 */
export function applyWxLoginRequestHandling(
  app: NestFastifyApplication,
  limits: RequestLimits,
  logger: WxLoginLogger,
): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>(
    'application/json',
    { bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body, done) => {
      if (body.length === 0) done(null, undefined);
      else void parseJson(request, body.toString('utf8'), done);
    },
  );
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  enforceRequestDeadline(fastify, limits, logger);
}
