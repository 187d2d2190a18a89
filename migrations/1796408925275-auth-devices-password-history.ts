import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthDevicesPasswordHistory1796408925275 implements MigrationInterface {
  name = 'AuthDevicesPasswordHistory1796408925275';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "login_devices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "login_devices_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "login_devices_user_id_idx" ON "login_devices"  ("user_id") `,
      `CREATE UNIQUE INDEX "login_devices_token_hash_key" ON "login_devices"  ("token_hash") `,
      `CREATE TABLE "password_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "password_hash" character varying(255) NOT NULL, "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "password_history_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "password_history_user_id_idx" ON "password_history"  ("user_id") `,
      `ALTER TABLE "login_devices" ADD CONSTRAINT "login_devices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "password_history" ADD CONSTRAINT "password_history_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "password_history" DROP CONSTRAINT "password_history_user_id_fkey"`,
      `ALTER TABLE "login_devices" DROP CONSTRAINT "login_devices_user_id_fkey"`,
      `DROP INDEX "public"."password_history_user_id_idx"`,
      `DROP TABLE "password_history"`,
      `DROP INDEX "public"."login_devices_token_hash_key"`,
      `DROP INDEX "public"."login_devices_user_id_idx"`,
      `DROP TABLE "login_devices"`,
    ]) {
      await q.query(sql);
    }
  }
}
