import { Inject, type LoggerService } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { type DestinationStream, pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config';

export type AppLogger = Logger;
export const APP_LOGGER = Symbol('APP_LOGGER');

/** Injects the process-wide pino logger. */
export const InjectLogger = () => Inject(APP_LOGGER);

/**
 * Never logged in clear: credentials, tokens, WeChat secrets and session keys, phone numbers.
 * The jscode2session URL (its query holds the AppSecret) is never logged in the first place; the
 * `url`/`query` paths below are a second line of defence.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authorization',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.secret',
  '*.sessionKey',
  '*.session_key',
  '*.jwtSecret',
  '*.sessionKeyEncryptionKey',
  '*.phoneNumber',
  '*.purePhoneNumber',
  '*.encryptedData',
  '*.query',
  'accessToken',
  'refreshToken',
  'secret',
  'sessionKey',
  'session_key',
  'phoneNumber',
  'purePhoneNumber',
];

/** JSON lines to stdout (or `destination`, e.g. a test's capture). */
export function createLogger(
  config: Pick<AppConfig, 'logLevel'>,
  destination?: DestinationStream,
): AppLogger {
  const options = {
    level: config.logLevel,
    base: { service: 'wxlogin-api' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** Routes Nest's own log lines (bootstrap, route mapping) into the same JSON stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: AppLogger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

/**
 * One log line per request, written when it completes, instead of Fastify's two lines with their
 * full request/response serializers (cheaper on the login hot path). Headers are never logged.
 */
export class OneLinePerRequest extends LogController {
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
