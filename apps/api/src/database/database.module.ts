import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EmbeddedDatabase } from '@wxlogin/dev-postgres';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { APP_LOGGER, type AppLogger } from '../logging/logger';
import { databaseOptions } from './database-options';

const DATABASE_SERVER = Symbol('DATABASE_SERVER');

/** Where the database is: the configured URL, or an embedded server this process started. */
interface DatabaseServer {
  readonly url: string;
  readonly embedded: EmbeddedDatabase | undefined;
}

async function resolveServer(config: AppConfig, logger: AppLogger): Promise<DatabaseServer> {
  if (config.databaseUrl !== undefined) return { url: config.databaseUrl, embedded: undefined };
  // A devDependency: loaded only here, only outside production (where DATABASE_URL is required).
  const { startEmbeddedPostgres } = await import('@wxlogin/dev-postgres');
  const log = logger.child({ component: 'embedded-postgres' });
  const embedded = await startEmbeddedPostgres({
    dir: config.embeddedPg.dir,
    port: config.embeddedPg.port,
    database: 'wxlogin',
    persistent: true,
    log: {
      info: (msg) => log.info(msg),
      warn: (msg) => log.warn(msg),
      debug: (msg) => log.debug(msg),
    },
  });
  log.info(
    { dir: config.embeddedPg.dir, port: config.embeddedPg.port },
    'DATABASE_URL is unset: started an embedded PostgreSQL',
  );
  return { url: embedded.url, embedded };
}

async function openDataSource(
  server: DatabaseServer,
  config: AppConfig,
  logger: AppLogger,
): Promise<DataSource> {
  if (config.migrateOnStart) {
    // On a connection of its own, without the request timeouts (see databaseOptions).
    const migrator = new DataSource(databaseOptions(server.url, { poolSize: 1 }));
    await migrator.initialize();
    try {
      const applied = await migrator.runMigrations({ transaction: 'each' });
      logger.info({ migrations: applied.map((m) => m.name) }, 'database migrations applied');
    } finally {
      await migrator.destroy();
    }
  }
  const dataSource = new DataSource(
    databaseOptions(server.url, { timeouts: config.databaseTimeouts }),
  );
  await dataSource.initialize();
  return dataSource;
}

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(DATABASE_SERVER) private readonly server: DatabaseServer,
  ) {}

  async onApplicationShutdown() {
    // Close the pool before stopping an embedded server, so no client sees it die.
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.server.embedded?.stop();
  }
}

/**
 * The PostgreSQL connection (embedded outside production when DATABASE_URL is unset): the
 * TypeORM DataSource that the login module's repositories use too.
 */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE_SERVER,
      inject: [APP_CONFIG, APP_LOGGER],
      useFactory: resolveServer,
    },
    {
      provide: DataSource,
      inject: [DATABASE_SERVER, APP_CONFIG, APP_LOGGER],
      useFactory: openDataSource,
    },
    DatabaseLifecycle,
  ],
  exports: [DataSource],
})
export class DatabaseModule {}
