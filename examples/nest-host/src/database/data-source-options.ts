import { WXLOGIN_ENTITIES, WXLOGIN_MIGRATIONS } from '@wxlogin/nest';
import type { DataSourceOptions } from 'typeorm';
import { CreateOrders1795500000000 } from './1795500000000-CreateOrders';
import { Order } from '../orders/order.entity';

/**
 * The example's PostgreSQL: its own tables and the login module's, one migration history (run at
 * start). Never `synchronize`. The module's migrations create ids with `gen_random_uuid()`, built
 * into PostgreSQL 13+, so TypeORM installs no extension.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [Order, ...WXLOGIN_ENTITIES],
    migrations: [...WXLOGIN_MIGRATIONS, CreateOrders1795500000000],
    migrationsRun: true,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
  };
}
