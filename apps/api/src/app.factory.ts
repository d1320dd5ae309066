import { NestFactory } from '@nestjs/core';
import type { FastifyBaseLogger } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { applyWxLoginRequestHandling, createWxLoginFastifyAdapter } from '@wxlogin/nest';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from '@wxlogin/contracts/openapi';
import type { AppConfig } from './config/app-config';
import { type AppLogger, createLogger, NestPinoLogger, OneLinePerRequest } from './logging/logger';

/** JSON bodies are small here (codes, tokens, ≤ 8 KB of open data); avatars go through multipart. */
const JSON_BODY_LIMIT_BYTES = 64 * 1024;

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
 * Builds the whole API (Fastify adapter, the login module at `/api/...` with its error envelope,
 * request ids and timeouts, CORS, OpenAPI) and initialises it, without listening. Used by main.ts
 * and the e2e tests.
 */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config);
  for (const warning of config.warnings) logger.warn(warning);

  const limits = {
    deadlineMs: config.requestDeadlineMs,
    bodyTimeoutMs: config.requestBodyTimeoutMs,
  };
  const adapter = createWxLoginFastifyAdapter(limits, logger, {
    loggerInstance: logger,
    logController: new OneLinePerRequest(logger),
    // No per-request child logger (a pino child of a redacting logger costs ~2–9 µs per request
    // on the login hot path): request lines and error logs carry `reqId` explicitly instead.
    childLoggerFactory: (parent: FastifyBaseLogger) => parent,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // request.ip (rate limit, logs) from X-Forwarded-For only when the peer is a trusted proxy.
    trustProxy: trustProxyOption(config.trustProxy),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger),
    adapter,
    { logger: new NestPinoLogger(logger), abortOnError: false },
  );
  applyWxLoginRequestHandling(app, limits, logger);

  // No global prefix: every route, the module's and health, is registered at its full path from
  // the route table (`/api/...`).
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
