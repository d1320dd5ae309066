import { createTestDatabase as createDatabase, type TestDatabase } from '@wxlogin/dev-postgres';
import { DataSource } from 'typeorm';
import { WXLOGIN_ENTITIES, WXLOGIN_MIGRATIONS } from '../../src/schema';

export type { TestDatabase };

/**
 * A DataSource on `url` with the module's entities and migrations, set up as the README asks of a
 * host (gen_random_uuid(), no extension to install).
 */
export function schemaDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: WXLOGIN_ENTITIES,
    migrations: WXLOGIN_MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: 1 },
  });
}

/** A throwaway database for one test file, with the module's migrations applied. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase(async (url) => {
    const dataSource = schemaDataSource(url);
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
  });
}
