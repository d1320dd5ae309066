import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiExceptionFilter, WxLoginModule } from '@wxlogin/nest';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { wxLoginOptions } from './config/wxlogin-settings';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import type { AppLogger } from './logging/logger';
import { LoggingModule } from './logging/logging.module';
import { WECHAT_ENDPOINT, type WechatEndpoint } from './wechat/wechat-endpoint';
import { WechatEndpointModule } from './wechat/wechat-endpoint.module';

/**
 * Wiring only: the host's configuration, logger, database and health check, and the login
 * module on top of them.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: AppLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        DatabaseModule,
        WechatEndpointModule,
        HealthModule,
        WxLoginModule.forRootAsync({
          imports: [WechatEndpointModule],
          inject: [WECHAT_ENDPOINT],
          useFactory: (endpoint: WechatEndpoint) =>
            wxLoginOptions(config.wxlogin, endpoint, logger),
        }),
      ],
      // The module's routes answer errors in the envelope themselves; this does it for the rest
      // (health, Nest's 404s).
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
