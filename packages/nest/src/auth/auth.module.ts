import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { RateLimitGuard } from '../http/rate-limit.guard';
import { OpenDataModule } from '../open-data/open-data.module';
import { PhoneModule } from '../phone/phone.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginCodeExchange } from './login-code-exchange';
import { RefreshSuccessorSealer } from './refresh-successor.sealer';

/** The login use-cases and their routes: login, refresh, logout, legacy user info. */
@Module({
  imports: [
    WechatModule,
    UsersModule,
    SessionsModule,
    CredentialsModule,
    OpenDataModule,
    PhoneModule,
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginCodeExchange, RefreshSuccessorSealer, RateLimitGuard],
})
export class AuthModule {}
