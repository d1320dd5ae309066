import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { OpenDataService } from './open-data.service';
import { SessionKeyVault } from './session-key.vault';

/** WeChat's session_key at rest (sealed per user) and the legacy open data decrypted with it. */
@Module({
  imports: [UsersModule, WechatModule],
  providers: [OpenDataService, SessionKeyVault],
  exports: [OpenDataService, SessionKeyVault],
})
export class OpenDataModule {}
