import type { DataSource } from 'typeorm';
import {
  createTestDatabase,
  schemaDataSource,
  type TestDatabase,
} from '../test/support/test-database';

describe('WXLOGIN_MIGRATIONS against WXLOGIN_ENTITIES (PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = schemaDataSource(db.url);
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('should leave the schema exactly as the entities describe it (no drift to generate)', async () => {
    // What `migration:generate` would write: empty when migrations and entities agree.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('should undo every migration and apply them again', async () => {
    const applied = (await db.query('SELECT name FROM typeorm_migrations')).length;
    for (let undone = 0; undone < applied; undone += 1) await dataSource.undoLastMigration();
    expect(await db.query('SELECT name FROM typeorm_migrations')).toEqual([]);
    await dataSource.runMigrations();
    expect(await db.query('SELECT name FROM typeorm_migrations')).toHaveLength(applied);
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
