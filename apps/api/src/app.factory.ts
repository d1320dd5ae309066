import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from '@wxlogin/contracts/openapi';
import type { AppConfig } from './config/app-config';
import { type AppLogger, createLogger, NestPinoLogger } from './common/logger';
import { requestIdFor } from './common/request-id';
import { answerClientError } from './common/client-error';
import { sendError } from './common/error-envelope';
import { DeadlineAwareFastifyAdapter, enforceRequestDeadline } from './common/request-deadline';

/** Token and personal-data routes: no cache may keep their answers (RFC 6749 §5.1). */
const NEVER_CACHED = /^\/api\/(?:auth\/|me(?:[/?]|$))/;

/** How often Node looks for requests past their headers/body timeout (its default is 30 s). */
function timeoutCheckInterval(timeoutMs: number): number {
  return Math.max(50, Math.min(1000, Math.floor(timeoutMs / 4)));
}

/** JSON bodies are small here (codes, tokens, ≤ 8 KB of open data); avatars go through multipart. */
const JSON_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * One log line per request, written when it completes, instead of Fastify's two lines with their
 * full request/response serializers (cheaper on the login hot path). Headers are never logged.
 */
class OneLinePerRequest extends LogController {
  constructor(private readonly logger: AppLogger) {
    super({ requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(_error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    // At LOG_LEVEL warn and above, skip building a line pino would drop (`routeOptions` alone
    // makes a fresh object on every read).
    if (!this.logger.isLevelEnabled('info')) return;
    this.logger.info(
      {
        reqId: request.id,
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  }
}

/** Fastify's `trustProxy` for TRUST_PROXY; a hop count as Fastify itself turns a number into. */
function trustProxyOption(trust: AppConfig['trustProxy']) {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return trust === false ? false : [...trust];
}

export interface CreateAppOptions {
  logger?: AppLogger;
  /** Stop on SIGTERM/SIGINT (the server process); tests close the app themselves. */
  enableShutdownHooks?: boolean;
}

/**
 * Builds the whole API (Fastify adapter, `/api` prefix, error envelope, request ids, multipart,
 * CORS, OpenAPI) and initialises it, without listening. Used by main.ts and the e2e tests.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config);
  for (const warning of config.warnings) logger.warn(warning);

  const adapter = new DeadlineAwareFastifyAdapter({
    loggerInstance: logger,
    logController: new OneLinePerRequest(logger),
    // No per-request child logger (a pino child of a redacting logger costs ~2–9 µs per request
    // on the login hot path): request lines and error logs carry `reqId` explicitly instead.
    childLoggerFactory: (parent: FastifyBaseLogger) => parent,
    genReqId: requestIdFor,
    requestIdHeader: false,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // request.ip (rate limit, logs) from X-Forwarded-For only when the peer is a trusted proxy.
    trustProxy: trustProxyOption(config.trustProxy),
    // Headers and body must arrive within REQUEST_BODY_TIMEOUT_MS (answered 408 by
    // answerClientError), checked often enough for the answer to come close to it.
    requestTimeout: config.requestBodyTimeoutMs,
    http: {
      headersTimeout: config.requestBodyTimeoutMs,
      connectionsCheckingInterval: timeoutCheckInterval(config.requestBodyTimeoutMs),
    },
    clientErrorHandler: answerClientError(logger),
    // A bad URL encoding or an over-long route parameter, rejected while routing.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      sendError(error, request, reply, logger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger),
    adapter,
    { logger: new NestPinoLogger(logger), abortOnError: false },
  );

  const fastify = app.getHttpAdapter().getInstance();
  // Fastify's JSON parser (prototype poisoning refused), except that an empty body with a JSON
  // content type — what mini-program request wrappers send for a body-less POST such as
  // logout — means "no body" instead of a 400.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>(
    'application/json',
    { bodyLimit: JSON_BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (body.length === 0) done(null, undefined);
      else void parseJson(request, body.toString('utf8'), done);
    },
  );
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    if (NEVER_CACHED.test(request.url)) void reply.header('cache-control', 'no-store');
    done();
  });
  enforceRequestDeadline(
    fastify,
    { deadlineMs: config.requestDeadlineMs, bodyTimeoutMs: config.requestBodyTimeoutMs },
    logger,
  );

  // Multipart bodies are left unread: the avatar upload streams its own (users/avatar-upload.ts).
  fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
  app.setGlobalPrefix('api');
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    });
  }
  SwaggerModule.setup(
    'api/docs',
    app,
    // Nest's OpenAPIObject type is 3.0; the document is 3.1 (JSON Schema 2020-12 from zod).
    buildOpenApiDocument(config.publicBaseUrl) as unknown as OpenAPIObject,
    { jsonDocumentUrl: 'api/docs/openapi.json', yamlDocumentUrl: 'api/docs/openapi.yaml' },
  );
  if (options.enableShutdownHooks === true) app.enableShutdownHooks();
  await app.init();
  return app;
}
