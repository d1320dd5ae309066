import { Module } from '@nestjs/common';
import { SessionPurger } from './session-purger';
import { SessionsRepository } from './sessions.repository';

@Module({ providers: [SessionsRepository, SessionPurger], exports: [SessionsRepository] })
export class SessionsModule {}
