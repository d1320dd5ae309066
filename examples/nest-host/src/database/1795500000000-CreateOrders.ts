import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The example's own table, after the login module's `users` it refers to. */
export class CreateOrders1795500000000 implements MigrationInterface {
  name = 'CreateOrders1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE, "item" character varying(200) NOT NULL, "total_fen" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_orders" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_orders_user" ON "orders" ("user_id", "created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "orders"`);
  }
}
