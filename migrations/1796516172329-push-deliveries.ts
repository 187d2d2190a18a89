import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Push delivery (issue 17): one row per (notification, device) the fan-out tried, written in bulk per
 * chunk of sends; the primary key is the exactly-once ledger (docs/notifications.md). The job queue
 * itself is pg-boss's schema, not a migration.
 */
export class PushDeliveries1796516172329 implements MigrationInterface {
  name = 'PushDeliveries1796516172329';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "push_deliveries" ("notification_id" uuid NOT NULL, "device_id" uuid NOT NULL, "member_id" uuid NOT NULL, "committee_id" integer NOT NULL, "status" character varying(16) NOT NULL, "attempts" smallint NOT NULL DEFAULT '0', "last_error" character varying(500), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "push_deliveries_status_check" CHECK (status IN ('pending','sent','failed','gone','muted','skipped')), CONSTRAINT "push_deliveries_pkey" PRIMARY KEY ("notification_id", "device_id"))`,
      `CREATE INDEX "push_deliveries_device_id_idx" ON "push_deliveries"  ("device_id") `,
      `CREATE INDEX "push_deliveries_member_id_idx" ON "push_deliveries"  ("member_id") `,
      `CREATE INDEX "push_deliveries_committee_id_idx" ON "push_deliveries"  ("committee_id") `,
      `CREATE INDEX "push_deliveries_failed_idx" ON "push_deliveries"  ("updated_at") WHERE status = 'failed'`,
      `ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "member_devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "push_deliveries" ADD CONSTRAINT "push_deliveries_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "push_deliveries" DROP CONSTRAINT "push_deliveries_committee_id_fkey"`,
      `ALTER TABLE "push_deliveries" DROP CONSTRAINT "push_deliveries_member_id_fkey"`,
      `ALTER TABLE "push_deliveries" DROP CONSTRAINT "push_deliveries_device_id_fkey"`,
      `ALTER TABLE "push_deliveries" DROP CONSTRAINT "push_deliveries_notification_id_fkey"`,
      `DROP INDEX "public"."push_deliveries_failed_idx"`,
      `DROP INDEX "public"."push_deliveries_committee_id_idx"`,
      `DROP INDEX "public"."push_deliveries_member_id_idx"`,
      `DROP INDEX "public"."push_deliveries_device_id_idx"`,
      `DROP TABLE "push_deliveries"`,
    ]) {
      await q.query(sql);
    }
  }
}
