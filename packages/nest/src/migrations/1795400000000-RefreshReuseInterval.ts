import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A used refresh token keeps its sealed successor until the end of the reuse interval, so that a
 * retried or parallel refresh gets the same pair instead of revoking the session.
 */
export class RefreshReuseInterval1795400000000 implements MigrationInterface {
  name = 'RefreshReuseInterval1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "used_refresh_tokens" ADD "reuse_until" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "used_refresh_tokens" ADD "successor_sealed" bytea`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "used_refresh_tokens" DROP COLUMN "successor_sealed"`);
    await queryRunner.query(`ALTER TABLE "used_refresh_tokens" DROP COLUMN "reuse_until"`);
  }
}
