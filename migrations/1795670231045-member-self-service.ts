import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The member's own side: app installs (member_devices) and requests to correct one's record. */

export class MemberSelfService1795670231045 implements MigrationInterface {
  name = 'MemberSelfService1795670231045';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "member_correction_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "committee_id" integer NOT NULL, "fields" jsonb NOT NULL, "reason" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "decision_note" text, CONSTRAINT "member_correction_requests_status_check" CHECK (status IN ('pending','approved','rejected')), CONSTRAINT "member_correction_requests_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "member_correction_requests_member_id_idx" ON "member_correction_requests"  ("member_id") `,
      `CREATE INDEX "member_correction_requests_committee_id_idx" ON "member_correction_requests"  ("committee_id") `,
      `CREATE TABLE "member_devices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "device_id" character varying(128) NOT NULL, "platform" character varying(16) NOT NULL, "app_version" character varying(32) NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "unregistered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "member_devices_platform_check" CHECK (platform IN ('ios','android')), CONSTRAINT "member_devices_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "member_devices_member_id_device_id_key" ON "member_devices"  ("member_id", "device_id") `,
      `ALTER TABLE "member_correction_requests" ADD CONSTRAINT "member_correction_requests_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "member_correction_requests" ADD CONSTRAINT "member_correction_requests_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "member_correction_requests" ADD CONSTRAINT "member_correction_requests_decided_by_fkey" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "member_devices" ADD CONSTRAINT "member_devices_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "member_devices" DROP CONSTRAINT "member_devices_member_id_fkey"`,
      `ALTER TABLE "member_correction_requests" DROP CONSTRAINT "member_correction_requests_decided_by_fkey"`,
      `ALTER TABLE "member_correction_requests" DROP CONSTRAINT "member_correction_requests_committee_id_fkey"`,
      `ALTER TABLE "member_correction_requests" DROP CONSTRAINT "member_correction_requests_member_id_fkey"`,
      `DROP INDEX "public"."member_devices_member_id_device_id_key"`,
      `DROP TABLE "member_devices"`,
      `DROP INDEX "public"."member_correction_requests_committee_id_idx"`,
      `DROP INDEX "public"."member_correction_requests_member_id_idx"`,
      `DROP TABLE "member_correction_requests"`,
    ]) {
      await q.query(sql);
    }
  }
}
