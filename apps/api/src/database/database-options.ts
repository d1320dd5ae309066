import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { WechatAccessTokenEntity } from '../wechat/access-token.entity';
import { AvatarEntity } from '../users/avatar.entity';
import { PhoneNumberHistoryEntity } from '../users/phone-number-history.entity';
import { UserEntity } from '../users/user.entity';
import { UsedRefreshTokenEntity } from '../sessions/used-refresh-token.entity';
import { SessionEntity } from '../sessions/session.entity';

const ENTITIES = [
  UserEntity,
  PhoneNumberHistoryEntity,
  AvatarEntity,
  SessionEntity,
  UsedRefreshTokenEntity,
  WechatAccessTokenEntity,
];

/** TypeORM options for the app, the CLI and the tests. Never `synchronize`: migrations only. */
export function databaseOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    // .ts under jest/nest start, .js in dist/; the glob picks whichever exists.
    migrations: [join(__dirname, 'migrations', '*.{ts,js}').replace(/\\/g, '/')],
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: { max: poolSize },
  };
}
