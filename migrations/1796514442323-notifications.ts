import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 17): one row per notification whatever its audience, per-member read markers,
 * a per-member "read up to" watermark and push preferences. The inbox reads `notifications_audience_idx`
 * with the ids of the member's committee chain and `notifications_member_idx` for personal ones
 * (src/notifications/notification.entity.ts says why not an ltree GiST).
 */
export class Notifications1796514442323 implements MigrationInterface {
  name = 'Notifications1796514442323';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "notification_reads" ("member_id" uuid NOT NULL, "notification_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_reads_pkey" PRIMARY KEY ("member_id", "notification_id"))`,
      `CREATE INDEX "notification_reads_notification_id_idx" ON "notification_reads"  ("notification_id") `,
      `CREATE TABLE "notification_read_watermarks" ("member_id" uuid NOT NULL, "read_up_to_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "read_up_to_id" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_read_watermarks_pkey" PRIMARY KEY ("member_id"))`,
      `CREATE TABLE "notification_preferences" ("member_id" uuid NOT NULL, "muted_kinds" text array NOT NULL DEFAULT '{}', "quiet_start_minute" smallint, "quiet_end_minute" smallint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notification_preferences_quiet_range_check" CHECK (quiet_start_minute IS NULL OR (quiet_start_minute BETWEEN 0 AND 1439 AND quiet_end_minute BETWEEN 0 AND 1439 AND quiet_start_minute <> quiet_end_minute)), CONSTRAINT "notification_preferences_quiet_hours_check" CHECK ((quiet_start_minute IS NULL) = (quiet_end_minute IS NULL)), CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("member_id"))`,
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "title" character varying(300) NOT NULL, "body" text NOT NULL, "link_type" character varying(32), "link_id" character varying(2000), "audience_committee_id" integer, "member_id" uuid, "publish_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "dedupe_key" character varying(200), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "notifications_expiry_check" CHECK (expires_at > publish_at), CONSTRAINT "notifications_audience_check" CHECK ((audience_committee_id IS NULL) <> (member_id IS NULL)), CONSTRAINT "notifications_link_check" CHECK ((link_type IS NULL) = (link_id IS NULL)), CONSTRAINT "notifications_link_type_check" CHECK (link_type IS NULL OR link_type IN ('document','news','survey','meeting','meeting_task','correction_request','url')), CONSTRAINT "notifications_kind_check" CHECK (kind IN ('document_published','news_published','survey_published','meeting_scheduled','meeting_changed','meeting_cancelled','meeting_check_in_opened','meeting_vote_opened','excuse_decided','correction_decided','task_assigned','task_overdue','bulletin')), CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "notifications_expires_at_idx" ON "notifications"  ("expires_at") `,
      `CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"  ("dedupe_key") `,
      `CREATE INDEX "notifications_member_idx" ON "notifications"  ("member_id", "publish_at", "id") WHERE member_id IS NOT NULL`,
      `CREATE INDEX "notifications_audience_idx" ON "notifications"  ("audience_committee_id", "publish_at", "id") WHERE audience_committee_id IS NOT NULL`,
      `ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "notification_read_watermarks" ADD CONSTRAINT "notification_read_watermarks_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_audience_committee_id_fkey" FOREIGN KEY ("audience_committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_created_by_fkey"`,
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_member_id_fkey"`,
      `ALTER TABLE "notifications" DROP CONSTRAINT "notifications_audience_committee_id_fkey"`,
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "notification_preferences_member_id_fkey"`,
      `ALTER TABLE "notification_read_watermarks" DROP CONSTRAINT "notification_read_watermarks_member_id_fkey"`,
      `ALTER TABLE "notification_reads" DROP CONSTRAINT "notification_reads_notification_id_fkey"`,
      `ALTER TABLE "notification_reads" DROP CONSTRAINT "notification_reads_member_id_fkey"`,
      `DROP INDEX "public"."notifications_audience_idx"`,
      `DROP INDEX "public"."notifications_member_idx"`,
      `DROP INDEX "public"."notifications_dedupe_key_key"`,
      `DROP INDEX "public"."notifications_expires_at_idx"`,
      `DROP TABLE "notifications"`,
      `DROP TABLE "notification_preferences"`,
      `DROP TABLE "notification_read_watermarks"`,
      `DROP INDEX "public"."notification_reads_notification_id_idx"`,
      `DROP TABLE "notification_reads"`,
    ]) {
      await q.query(sql);
    }
  }
}
