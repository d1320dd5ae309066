import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CodeExchange } from './code-exchange';
import { OpenDataService } from './open-data.service';
import { RefreshSuccessorSealer } from './refresh-successor.sealer';
import { SessionKeyVault } from './session-key.vault';

/** The login use-cases and their routes under `auth/`. */
@Module({
  imports: [WechatModule, UsersModule, SessionsModule, CredentialsModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    CodeExchange,
    OpenDataService,
    RefreshSuccessorSealer,
    SessionKeyVault,
    RateLimitGuard,
  ],
})
export class AuthModule {}
