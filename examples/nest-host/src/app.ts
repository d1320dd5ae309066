import { type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  applyWxLoginRequestHandling,
  createWxLoginFastifyAdapter,
  NestLoggerAdapter,
} from '@wxlogin/nest';
import { AppModule } from './app.module';
import type { ExampleConfig } from './config';

/**
 * The example app, initialised and not yet listening: Fastify with the login module's request
 * handling (request ids, body timeout, deadline, framework errors in the envelope). The module's
 * routes carry their full `/api/...` paths, so there is no global prefix. `logger` is Nest's option (default: Nest's console logger).
 */
export async function createApp(
  config: ExampleConfig,
  logger?: NestApplicationOptions['logger'],
): Promise<NestFastifyApplication> {
  // The Fastify helpers' log lines (framework errors, late answers) go to Nest's logger.
  const httpLogger = new NestLoggerAdapter();
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createWxLoginFastifyAdapter(config.requestLimits, httpLogger),
    { abortOnError: false, ...(logger === undefined ? {} : { logger }) },
  );
  applyWxLoginRequestHandling(app, config.requestLimits, httpLogger);
  await app.init();
  return app;
}
