import { createTestDatabase as createDatabase, type TestDatabase } from '@wxlogin/dev-postgres';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/database/database-options';

export type { TestDatabase };

/** Brings the database at `url` to the API's schema, as the API migrates its own. */
export async function migrateApiDatabase(url: string): Promise<void> {
  const dataSource = new DataSource(databaseOptions(url, { poolSize: 1 }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}

/** A throwaway database for one test file, migrated as the API migrates its own. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase(migrateApiDatabase);
}
