import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Registers keep history: transfers, rollout phase changes, merged committees, and the append-only audit log. */
export class MembershipRegisters1795669536171 implements MigrationInterface {
  name = 'MembershipRegisters1795669536171';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_username" character varying(64), "actor_role" character varying(24), "action" character varying(64) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_id" character varying(64), "committee_id" integer, "details" jsonb NOT NULL DEFAULT '{}'::jsonb, "client_address" character varying(64), "request_id" character varying(64), CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "audit_log_actor_id_idx" ON "audit_log"  ("actor_id") `,
      `CREATE INDEX "audit_log_action_idx" ON "audit_log"  ("action") `,
      `CREATE INDEX "audit_log_committee_id_idx" ON "audit_log"  ("committee_id") `,
      `CREATE INDEX "audit_log_entity_idx" ON "audit_log"  ("entity_type", "entity_id") `,
      `CREATE INDEX "audit_log_occurred_at_idx" ON "audit_log"  ("occurred_at") `,
      `CREATE TABLE "committee_phase_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" integer NOT NULL, "from_phase" character varying(16), "to_phase" character varying(16) NOT NULL, "started_on" date, "actor_id" uuid, "actor_username" character varying(64), "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "committee_phase_changes_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "committee_phase_changes_committee_id_idx" ON "committee_phase_changes"  ("committee_id") `,
      `CREATE TABLE "member_transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "from_committee_id" integer NOT NULL, "to_committee_id" integer NOT NULL, "transferred_on" date NOT NULL, "kind" character varying(16) NOT NULL, "reason" text, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "member_transfers_kind_check" CHECK (kind IN ('official','temporary','restructuring')), CONSTRAINT "member_transfers_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "member_transfers_member_id_idx" ON "member_transfers"  ("member_id") `,
      `ALTER TABLE "committees" ADD "archived_at" TIMESTAMP WITH TIME ZONE`,
      `ALTER TABLE "committees" ADD "merged_into_id" integer`,
      `ALTER TABLE "members" ADD "external_id" character varying(64)`,
      `CREATE UNIQUE INDEX "members_external_id_key" ON "members"  ("external_id") WHERE external_id IS NOT NULL`,
      `ALTER TABLE "committees" ADD CONSTRAINT "committees_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "committee_phase_changes" ADD CONSTRAINT "committee_phase_changes_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_from_committee_id_fkey" FOREIGN KEY ("from_committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "member_transfers" ADD CONSTRAINT "member_transfers_to_committee_id_fkey" FOREIGN KEY ("to_committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      // the audit log is append-only: nobody, not even the application, may change or remove a line
      `CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501'; END $fn$`,
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TRIGGER IF EXISTS audit_log_no_truncate ON "audit_log"`,
      `DROP TRIGGER IF EXISTS audit_log_append_only ON "audit_log"`,
      `ALTER TABLE "member_transfers" DROP CONSTRAINT "member_transfers_to_committee_id_fkey"`,
      `ALTER TABLE "member_transfers" DROP CONSTRAINT "member_transfers_from_committee_id_fkey"`,
      `ALTER TABLE "member_transfers" DROP CONSTRAINT "member_transfers_member_id_fkey"`,
      `ALTER TABLE "committee_phase_changes" DROP CONSTRAINT "committee_phase_changes_committee_id_fkey"`,
      `ALTER TABLE "committees" DROP CONSTRAINT "committees_merged_into_id_fkey"`,
      `DROP INDEX "public"."members_external_id_key"`,
      `ALTER TABLE "members" DROP COLUMN "external_id"`,
      `ALTER TABLE "committees" DROP COLUMN "merged_into_id"`,
      `ALTER TABLE "committees" DROP COLUMN "archived_at"`,
      `DROP INDEX "public"."member_transfers_member_id_idx"`,
      `DROP TABLE "member_transfers"`,
      `DROP INDEX "public"."committee_phase_changes_committee_id_idx"`,
      `DROP TABLE "committee_phase_changes"`,
      `DROP INDEX "public"."audit_log_occurred_at_idx"`,
      `DROP INDEX "public"."audit_log_entity_idx"`,
      `DROP INDEX "public"."audit_log_committee_id_idx"`,
      `DROP INDEX "public"."audit_log_action_idx"`,
      `DROP INDEX "public"."audit_log_actor_id_idx"`,
      `DROP TABLE "audit_log"`,
      `DROP FUNCTION IF EXISTS audit_log_refuse_change()`,
    ]) {
      await q.query(sql);
    }
  }
}
