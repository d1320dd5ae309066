import { WXLOGIN_ENTITIES, WXLOGIN_MIGRATIONS } from '@wxlogin/nest';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseTimeouts } from '../config/app-config';

/** A dead peer (a host gone without a FIN) is noticed by TCP keepalive after about this long. */
const KEEPALIVE_INITIAL_DELAY_MS = 10_000;

/**
 * node-postgres pool and client settings that bound every wait (see {@link DatabaseTimeouts}):
 * a stopped server fails at connect, a slow statement is cancelled by PostgreSQL itself, and a
 * frozen server — which never answers, so only a client-side timer can fire — fails the query
 * and has its connection dropped by the pool.
 */
function boundedWaits(timeouts: DatabaseTimeouts) {
  return {
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
  };
}

/**
 * TypeORM options for the app, the CLI and the tests. Never `synchronize`: migrations only.
 * `timeouts` are for serving requests; migrations run without them (an index build may take
 * longer than any request should).
 */
export function databaseOptions(
  url: string,
  { poolSize = 10, timeouts }: { poolSize?: number; timeouts?: DatabaseTimeouts } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // The API's tables are the login module's.
    entities: WXLOGIN_ENTITIES,
    migrations: WXLOGIN_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: { max: poolSize, ...(timeouts === undefined ? {} : boundedWaits(timeouts)) },
  };
}
