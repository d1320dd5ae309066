import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { WXLOGIN_SETTINGS, type WxLoginSettings } from '../options/wxlogin-options';
import { SessionsModule } from '../sessions/sessions.module';
import { AccessTokenGuard } from './access-token.guard';
import { TokenService } from './token.service';

/**
 * wxlogin's own credentials: issuing and checking access and refresh tokens, and the guard that
 * checks them on a route. Exported with what the guard needs, so that any module of the host can
 * `@UseGuards(AccessTokenGuard)`.
 */
@Module({
  imports: [
    // A KeyObject, not a string: jsonwebtoken re-parses a string secret into a key on every
    // sign/verify (~3.4 k signs/s against ~200 k/s with a KeyObject on this machine).
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
  providers: [TokenService, AccessTokenGuard],
  exports: [TokenService, AccessTokenGuard, SessionsModule],
})
export class CredentialsModule {}
