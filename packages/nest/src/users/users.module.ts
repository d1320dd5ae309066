import { Module } from '@nestjs/common';
import { UsersRepository } from './users.repository';

/** Users: the rows a login creates, and what the other parts read and change of them. */
@Module({ providers: [UsersRepository], exports: [UsersRepository] })
export class UsersModule {}
