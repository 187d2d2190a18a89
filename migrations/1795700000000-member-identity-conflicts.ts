import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity numbers that collide with a member outside the writer's scope are held as pending
 * (members.pending_*, not unique) with a conflict row for the lowest committee covering both
 * records; see src/membership/identity-conflicts.service.ts.
 */
export class MemberIdentityConflicts1795700000000 implements MigrationInterface {
  name = 'MemberIdentityConflicts1795700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "members" ADD "pending_party_card_number" character varying(32)`,
      `ALTER TABLE "members" ADD "pending_external_id" character varying(64)`,
      `CREATE INDEX "members_pending_party_card_number_idx" ON "members" ("pending_party_card_number") WHERE pending_party_card_number IS NOT NULL`,
      `CREATE INDEX "members_pending_external_id_idx" ON "members" ("pending_external_id") WHERE pending_external_id IS NOT NULL`,
      `CREATE TABLE "member_identity_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "field" character varying(24) NOT NULL, "value" character varying(64) NOT NULL, "member_id" uuid, "holder_id" uuid, "committee_id" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "outcome" character varying(16), "note" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "member_identity_conflicts_field_check" CHECK (field IN ('partyCardNumber','externalId')), CONSTRAINT "member_identity_conflicts_status_check" CHECK (status IN ('pending','resolved','withdrawn')), CONSTRAINT "member_identity_conflicts_outcome_check" CHECK (outcome IS NULL OR outcome IN ('same_person','keep_existing','keep_new')), CONSTRAINT "member_identity_conflicts_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "member_identity_conflicts_committee_id_idx" ON "member_identity_conflicts" ("committee_id") `,
      `CREATE INDEX "member_identity_conflicts_member_id_idx" ON "member_identity_conflicts" ("member_id") `,
      `CREATE INDEX "member_identity_conflicts_holder_id_idx" ON "member_identity_conflicts" ("holder_id") `,
      `ALTER TABLE "member_identity_conflicts" ADD CONSTRAINT "member_identity_conflicts_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "member_identity_conflicts" ADD CONSTRAINT "member_identity_conflicts_holder_id_fkey" FOREIGN KEY ("holder_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "member_identity_conflicts" ADD CONSTRAINT "member_identity_conflicts_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TABLE "member_identity_conflicts"`,
      `DROP INDEX "public"."members_pending_external_id_idx"`,
      `DROP INDEX "public"."members_pending_party_card_number_idx"`,
      `ALTER TABLE "members" DROP COLUMN "pending_external_id"`,
      `ALTER TABLE "members" DROP COLUMN "pending_party_card_number"`,
    ]) {
      await q.query(sql);
    }
  }
}
