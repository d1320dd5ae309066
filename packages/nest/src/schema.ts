import { AvatarEntity } from './profile/avatar.entity';
import { SessionEntity } from './sessions/session.entity';
import { UsedRefreshTokenEntity } from './sessions/used-refresh-token.entity';
import { PhoneNumberHistoryEntity } from './phone/phone-number-history.entity';
import { UserEntity } from './users/user.entity';
import { WechatAccessTokenEntity } from './wechat/wechat-access-token.entity';
import { InitialSchema1795238257276 } from './migrations/1795238257276-InitialSchema';
import { RefreshTokenOnSession1795240821043 } from './migrations/1795240821043-RefreshTokenOnSession';
import { UnionidIndexPartial1795300000000 } from './migrations/1795300000000-UnionidIndexPartial';
import { RefreshReuseInterval1795400000000 } from './migrations/1795400000000-RefreshReuseInterval';

/**
 * The module's tables, for the host's TypeORM `DataSource` (`entities: [...yours,
 * ...WXLOGIN_ENTITIES]`). The module reads and writes them with its own SQL; the entities are
 * what migrations are checked against.
 */
export const WXLOGIN_ENTITIES = [
  UserEntity,
  PhoneNumberHistoryEntity,
  AvatarEntity,
  SessionEntity,
  UsedRefreshTokenEntity,
  WechatAccessTokenEntity,
];

/** The migrations that create and evolve those tables, oldest first (`migrations: [...]`). */
export const WXLOGIN_MIGRATIONS = [
  InitialSchema1795238257276,
  RefreshTokenOnSession1795240821043,
  UnionidIndexPartial1795300000000,
  RefreshReuseInterval1795400000000,
];
