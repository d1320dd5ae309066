import { type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { applyWxLoginRequestHandling, createWxLoginFastifyAdapter } from '@wxlogin/nest';
import { AppModule } from './app.module';
import type { ExampleConfig } from './config';
import { httpLogger } from './http-logger';

/**
 * The example app, initialised and not yet listening: Fastify with the login module's request
 * handling (request ids, body timeout, deadline, framework errors in the envelope), every route
 * under `/api`. `logger` is Nest's option (default: Nest's console logger).
 */
export async function createApp(
  config: ExampleConfig,
  logger?: NestApplicationOptions['logger'],
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createWxLoginFastifyAdapter(config.requestLimits, httpLogger),
    { abortOnError: false, ...(logger === undefined ? {} : { logger }) },
  );
  applyWxLoginRequestHandling(app, config.requestLimits, httpLogger);
  app.setGlobalPrefix('api');
  await app.init();
  return app;
}
