import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountLockoutRateLimits1795673415329 implements MigrationInterface {
  name = 'AccountLockoutRateLimits1795673415329';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "rate_limit_counters" ("key" character varying(160) NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key"))`,
      `CREATE INDEX "rate_limit_counters_window_ends_at_idx" ON "rate_limit_counters"  ("window_ends_at") `,
      `ALTER TABLE "users" ADD "failed_logins" integer NOT NULL DEFAULT '0'`,
      `ALTER TABLE "users" ADD "locked_until" TIMESTAMP WITH TIME ZONE`,
      // login attempts are counted in rate_limit_counters now (keys login:u:… and login:c:…); the counts are transient
      `DROP TABLE "login_throttle"`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "login_throttle" ("key" character varying(128) NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key"))`,
      `ALTER TABLE "users" DROP COLUMN "locked_until"`,
      `ALTER TABLE "users" DROP COLUMN "failed_logins"`,
      `DROP INDEX "public"."rate_limit_counters_window_ends_at_idx"`,
      `DROP TABLE "rate_limit_counters"`,
    ]) {
      await q.query(sql);
    }
  }
}
