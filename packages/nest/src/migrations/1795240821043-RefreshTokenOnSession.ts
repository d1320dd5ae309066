import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current refresh token's hash moves onto the session row, so a login writes one row fewer
 * (the login statement fills it); only used tokens are kept, in `used_refresh_tokens`, for reuse
 * detection. Existing data is carried over.
 */
export class RefreshTokenOnSession1795240821043 implements MigrationInterface {
  name = 'RefreshTokenOnSession1795240821043';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "used_refresh_tokens" ("token_hash" bytea NOT NULL, "session_id" uuid NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a0fad3682cd62bddd8363e4a4d9" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_used_refresh_tokens_session" ON "used_refresh_tokens"  ("session_id") `,
    );
    await queryRunner.query(`ALTER TABLE "sessions" ADD "refresh_token_hash" bytea`);
    await queryRunner.query(
      `UPDATE "sessions" s SET "refresh_token_hash" = r."token_hash" FROM "refresh_tokens" r WHERE r."session_id" = s."id" AND r."used_at" IS NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "used_refresh_tokens" ("token_hash", "session_id", "used_at") SELECT "token_hash", "session_id", "used_at" FROM "refresh_tokens" WHERE "used_at" IS NOT NULL`,
    );
    // A session without a current token cannot be refreshed any more: revoke it, with a random
    // placeholder hash that no token hashes to.
    await queryRunner.query(
      `UPDATE "sessions" SET "refresh_token_hash" = decode(md5(random()::text || "id"::text) || md5(random()::text), 'hex'), "revoked_at" = COALESCE("revoked_at", now()) WHERE "refresh_token_hash" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "sessions" ALTER COLUMN "refresh_token_hash" SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_sessions_refresh_token_hash" ON "sessions"  ("refresh_token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "used_refresh_tokens" ADD CONSTRAINT "fk_used_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("token_hash" bytea NOT NULL, "session_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a7838d2ba25be1342091b6695f1" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_session" ON "refresh_tokens"  ("session_id") `,
    );
    await queryRunner.query(
      `INSERT INTO "refresh_tokens" ("token_hash", "session_id") SELECT "refresh_token_hash", "id" FROM "sessions"`,
    );
    await queryRunner.query(
      `INSERT INTO "refresh_tokens" ("token_hash", "session_id", "used_at") SELECT "token_hash", "session_id", "used_at" FROM "used_refresh_tokens"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "used_refresh_tokens" DROP CONSTRAINT "fk_used_refresh_tokens_session"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_sessions_refresh_token_hash"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "refresh_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_used_refresh_tokens_session"`);
    await queryRunner.query(`DROP TABLE "used_refresh_tokens"`);
  }
}
