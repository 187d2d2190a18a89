import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's activity hold (temporarily attending at another Party organisation, or suspended from
 * Party activities) and its snapshot on each meeting invitation: the decision rule leaves such
 * members out of the denominator (src/meetings/meetings.rules.ts `decisionDenominator`).
 */
export class MemberActivityHold1796514442324 implements MigrationInterface {
  name = 'MemberActivityHold1796514442324';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "members" ADD "activity_hold" character varying(24)`,
      `ALTER TABLE "members" ADD "activity_hold_since" date`,
      `ALTER TABLE "members" ADD "activity_hold_note" text`,
      `ALTER TABLE "members" ADD CONSTRAINT "members_activity_hold_check" CHECK (activity_hold IS NULL OR activity_hold IN ('temporary_transfer','suspended'))`,
      `ALTER TABLE "members" ADD CONSTRAINT "members_activity_hold_since_check" CHECK ((activity_hold IS NULL) = (activity_hold_since IS NULL))`,
      `CREATE INDEX "members_activity_hold_idx" ON "members" ("activity_hold") WHERE activity_hold IS NOT NULL`,
      `ALTER TABLE "meeting_attendance" ADD "hold" character varying(24)`,
      `ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_hold_check" CHECK (hold IS NULL OR hold IN ('temporary_transfer', 'suspended'))`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "meeting_attendance" DROP CONSTRAINT "meeting_attendance_hold_check"`,
      `ALTER TABLE "meeting_attendance" DROP COLUMN "hold"`,
      `DROP INDEX "public"."members_activity_hold_idx"`,
      `ALTER TABLE "members" DROP CONSTRAINT "members_activity_hold_since_check"`,
      `ALTER TABLE "members" DROP CONSTRAINT "members_activity_hold_check"`,
      `ALTER TABLE "members" DROP COLUMN "activity_hold_note"`,
      `ALTER TABLE "members" DROP COLUMN "activity_hold_since"`,
      `ALTER TABLE "members" DROP COLUMN "activity_hold"`,
    ]) {
      await q.query(sql);
    }
  }
}
