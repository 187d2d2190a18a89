import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of `faqs` also NOTIFYs channel `faq_changed` with the new FAQ revision (migration
 * 1795674000000-faq-revision bumps it). NOTIFY is transactional: listeners hear it once the change
 * is committed, never before, and never for a rolled back one. Each process LISTENs on a dedicated
 * connection (src/database/notifications.ts) and FaqAnswerService (src/faq/faq-answer.service.ts)
 * takes the payload as the current revision, so a question needs no read of `faq_revision` while
 * the connection is up; it reads the row again when the connection is down or has just come back.
 */
export class FaqChangedNotify1796527555737 implements MigrationInterface {
  name = 'FaqChangedNotify1796527555737';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION faq_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        bumped bigint;
      BEGIN
        UPDATE faq_revision SET revision = revision + 1 RETURNING revision INTO bumped;
        PERFORM pg_notify('faq_changed', bumped::text);
        RETURN NULL;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION faq_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE faq_revision SET revision = revision + 1;
        RETURN NULL;
      END
      $fn$`);
  }
}
