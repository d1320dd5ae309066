import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_LOGGER, type AppLogger } from './logger';

/** Makes the process-wide pino logger injectable. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: AppLogger): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: APP_LOGGER, useValue: logger }],
      exports: [APP_LOGGER],
    };
  }
}
