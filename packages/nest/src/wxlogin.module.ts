import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CredentialsModule } from './credentials/credentials.module';
import { OpenDataModule } from './open-data/open-data.module';
import type { WxLoginOptions } from './options/wxlogin-options';
import { PhoneModule } from './phone/phone.module';
import { ProfileModule } from './profile/profile.module';
import { SessionsModule } from './sessions/sessions.module';
import { UsersModule } from './users/users.module';
import { WechatModule } from './wechat/wechat.module';
import { WXLOGIN_OPTIONS, WxLoginCoreModule } from './wxlogin-core.module';

/** `WxLoginModule.forRootAsync`: options made by a factory from the host's own providers. */
export interface WxLoginAsyncOptions {
  /** Modules whose providers the factory injects (e.g. the host's config module). */
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...args: never[]) => WxLoginOptions | Promise<WxLoginOptions>;
}

/**
 * WeChat mini-program login in a NestJS application on Fastify: the routes of `SERVER_ROUTES`
 * (`@wxlogin/contracts`) but health, at their full paths (`/api/auth/*`, `/api/me*`,
 * `/api/avatars/{id}`: a host sets no global prefix over them), WxLoginAuthGuard for the host's
 * routes, and the WeChat client. The host brings a PostgreSQL TypeORM `DataSource` in its DI (with
 * `WXLOGIN_ENTITIES` and `WXLOGIN_MIGRATIONS`), its configuration and, optionally, its logger.
 * Import it once, in the root module.
 */
@Module({})
export class WxLoginModule {
  static forRoot(options: WxLoginOptions): DynamicModule {
    return WxLoginModule.with(
      WxLoginCoreModule.register({ provide: WXLOGIN_OPTIONS, useValue: options }),
    );
  }

  static forRootAsync(options: WxLoginAsyncOptions): DynamicModule {
    const core = WxLoginCoreModule.register({
      provide: WXLOGIN_OPTIONS,
      inject: options.inject ?? [],
      useFactory: options.useFactory,
    });
    return WxLoginModule.with({ ...core, imports: [...(options.imports ?? [])] });
  }

  /** The root of the login: every feature module is listed here (each also imports those it uses). */
  private static with(core: DynamicModule): DynamicModule {
    return {
      module: WxLoginModule,
      global: true,
      imports: [
        core,
        WechatModule,
        UsersModule,
        SessionsModule,
        CredentialsModule,
        OpenDataModule,
        PhoneModule,
        ProfileModule,
        AuthModule,
      ],
      exports: [core, CredentialsModule],
    };
  }
}
