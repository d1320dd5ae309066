import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CredentialsModule } from '../credentials/credentials.module';
import { UsersModule } from '../users/users.module';
import { AvatarsController } from './avatars.controller';
import { AvatarsRepository } from './avatars.repository';
import { MeController } from './me.controller';
import { ProfileService } from './profile.service';

/**
 * The signed-in user's own profile (`me/`) and the avatars it points at (`avatars/`). The avatar
 * upload reads its multipart body itself (avatar-upload.ts), so Fastify is told to leave such
 * bodies unread — unless the host has a multipart parser already (`@fastify/multipart`'s leaves
 * them unread too).
 */
@Module({
  imports: [UsersModule, CredentialsModule],
  controllers: [MeController, AvatarsController],
  providers: [AvatarsRepository, ProfileService],
})
export class ProfileModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit() {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser('multipart/form-data')) return;
    fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
  }
}
