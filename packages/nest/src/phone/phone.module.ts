import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { OpenDataModule } from '../open-data/open-data.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { PhoneBindingService } from './phone-binding.service';
import { PhoneCodeExchange } from './phone-code.exchange';
import { PhoneController } from './phone.controller';
import { PhoneNumbersRepository } from './phone-numbers.repository';

/** The user's phone number: `POST /api/auth/phone`, and the binding a login with a phone proof uses. */
@Module({
  imports: [WechatModule, UsersModule, OpenDataModule, CredentialsModule],
  controllers: [PhoneController],
  providers: [PhoneBindingService, PhoneCodeExchange, PhoneNumbersRepository],
  exports: [PhoneBindingService],
})
export class PhoneModule {}
