import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The revision of the FAQ entries: one row, bumped in the same transaction by every statement that
 * changes `faqs`. Every process keeps the analysed entries in memory per audience and reads this
 * number (one row, no scan) before answering; a different number means an entry changed somewhere,
 * and the process rebuilds. Transactional on purpose (a sequence is not): a reader sees the new
 * revision only once the change is committed, so it never caches the old entries under it.
 * Read by src/faq/faq.repository.ts (FaqRepository.revision, for FaqAnswerService.index); not an entity (nothing maps it).
 */
export class FaqRevision1795674000000 implements MigrationInterface {
  name = 'FaqRevision1795674000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "faq_revision" ("id" boolean NOT NULL DEFAULT true, "revision" bigint NOT NULL DEFAULT 0, CONSTRAINT "faq_revision_pkey" PRIMARY KEY ("id"), CONSTRAINT "faq_revision_one_row" CHECK (id))`,
      `INSERT INTO "faq_revision" ("id", "revision") VALUES (true, 0)`,
      `CREATE OR REPLACE FUNCTION faq_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE faq_revision SET revision = revision + 1;
        RETURN NULL;
      END
      $fn$`,
      `CREATE TRIGGER faqs_revision_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON faqs FOR EACH STATEMENT EXECUTE FUNCTION faq_revision_bump()`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS faqs_revision_bump ON faqs`);
    await q.query(`DROP FUNCTION IF EXISTS faq_revision_bump()`);
    await q.query(`DROP TABLE IF EXISTS "faq_revision"`);
  }
}
