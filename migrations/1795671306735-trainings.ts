import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training sessions on the handbook (hội nghị tập huấn), kept by the committee that held them. */

export class Trainings1795671306735 implements MigrationInterface {
  name = 'Trainings1795671306735';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "trainings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" integer NOT NULL, "held_on" date NOT NULL, "topic" character varying(500) NOT NULL, "location" character varying(255), "attendees" integer NOT NULL, "notes" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "trainings_attendees_check" CHECK (attendees >= 0), CONSTRAINT "trainings_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "trainings_committee_id_idx" ON "trainings"  ("committee_id") `,
      `CREATE INDEX "trainings_held_on_idx" ON "trainings"  ("held_on") `,
      `ALTER TABLE "trainings" ADD CONSTRAINT "trainings_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "trainings" ADD CONSTRAINT "trainings_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "trainings" DROP CONSTRAINT "trainings_created_by_fkey"`,
      `ALTER TABLE "trainings" DROP CONSTRAINT "trainings_committee_id_fkey"`,
      `DROP INDEX "public"."trainings_held_on_idx"`,
      `DROP INDEX "public"."trainings_committee_id_idx"`,
      `DROP TABLE "trainings"`,
    ]) {
      await q.query(sql);
    }
  }
}
