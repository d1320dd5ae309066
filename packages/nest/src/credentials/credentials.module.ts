import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { WXLOGIN_SETTINGS, type WxLoginSettings } from '../options/wxlogin-options';
import { SessionsModule } from '../sessions/sessions.module';
import { WxLoginAuthGuard } from './wxlogin-auth.guard';
import { TokenService } from './token.service';

/**
 * wxlogin's own credentials: issuing and checking access and refresh tokens, and the guard that
 * checks them on a route. Exported with what the guard needs, so that any module of the host can
 * `@UseGuards(WxLoginAuthGuard)`.
 */
@Module({
  imports: [
    // A KeyObject: a string secret is re-parsed on every sign/verify (docs/performance.md).
    JwtModule.registerAsync({
      inject: [WXLOGIN_SETTINGS],
      useFactory: (settings: WxLoginSettings) => ({
        secret: createSecretKey(settings.jwtSecret),
        signOptions: { algorithm: 'HS256', expiresIn: settings.accessTokenTtlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    SessionsModule,
  ],
  providers: [TokenService, WxLoginAuthGuard],
  exports: [TokenService, WxLoginAuthGuard, SessionsModule],
})
export class CredentialsModule {}
