import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unionid index only holds rows that have one: most users have none, a NULL entry is never
 * looked up, and every first login would otherwise add one.
 */
export class UnionidIndexPartial1795300000000 implements MigrationInterface {
  name = 'UnionidIndexPartial1795300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_users_unionid"`);
    await queryRunner.query(
      `CREATE INDEX "ix_users_unionid" ON "users" ("unionid") WHERE "unionid" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_users_unionid"`);
    await queryRunner.query(`CREATE INDEX "ix_users_unionid" ON "users" ("unionid") `);
  }
}
