import { Global, Module } from '@nestjs/common';
import { SharedRedis } from './shared-redis';

/** The shared Redis connection (or its absence), for whoever keeps state across instances. */
@Global()
@Module({ providers: [SharedRedis], exports: [SharedRedis] })
export class RedisModule {}
