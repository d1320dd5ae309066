import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiExceptionFilter, WxLoginModule } from '@wxlogin/nest';
import type { ExampleConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { OrdersController } from './orders/orders.controller';

@Module({})
export class AppModule {
  static forRoot(config: ExampleConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(config.databaseUrl),
        // Async, as a real app builds the options from its own providers; it logs through
        // Nest's Logger (the default), like the rest of the app.
        WxLoginModule.forRootAsync({ useFactory: () => config.wxlogin }),
      ],
      controllers: [OrdersController],
      // The login error envelope for the example's own routes and Nest's 404s too.
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
