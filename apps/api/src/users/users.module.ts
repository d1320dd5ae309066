import { Module } from '@nestjs/common';
import { AvatarsController } from './avatars.controller';
import { AvatarsRepository } from './avatars.repository';
import { MeController } from './me.controller';
import { ProfileService } from './profile.service';
import { UsersRepository } from './users.repository';

@Module({
  controllers: [MeController, AvatarsController],
  providers: [UsersRepository, AvatarsRepository, ProfileService],
  exports: [UsersRepository],
})
export class UsersModule {}
