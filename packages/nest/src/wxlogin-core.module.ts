import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NestLoggerAdapter, WXLOGIN_LOGGER } from './common/logger';
import { Database, databaseOf } from './database/database';
import { parseWxLoginOptions } from './options/options-validation';
import { WXLOGIN_SETTINGS, type WxLoginOptions } from './options/wxlogin-options';
import { SharedRedis } from './redis/shared-redis';

/** How the options reach the core: given (`forRoot`) or made by the host's factory. */
export const WXLOGIN_OPTIONS = Symbol('WXLOGIN_OPTIONS');

/**
 * What every part of the module shares: the validated settings, the logger, the database (on the
 * host's DataSource) and the shared Redis. Global, so that the feature modules and the host's own
 * modules (a guard on a host route, the error filter registered by the host) reach them.
 */
@Global()
@Module({})
export class WxLoginCoreModule {
  static register(options: Provider): DynamicModule {
    return {
      module: WxLoginCoreModule,
      providers: [
        options,
        {
          provide: WXLOGIN_SETTINGS,
          inject: [WXLOGIN_OPTIONS],
          useFactory: parseWxLoginOptions,
        },
        {
          provide: WXLOGIN_LOGGER,
          inject: [WXLOGIN_OPTIONS],
          useFactory: (given: WxLoginOptions) => given.logger ?? new NestLoggerAdapter(),
        },
        { provide: Database, inject: [DataSource], useFactory: databaseOf },
        SharedRedis,
      ],
      exports: [WXLOGIN_SETTINGS, WXLOGIN_LOGGER, Database, SharedRedis],
    };
  }
}
