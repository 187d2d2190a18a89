import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Three more document types that committees issue every month: Thông báo, Quyết định, Kế hoạch. */
export class DocumentTypes1796529787757 implements MigrationInterface {
  name = 'DocumentTypes1796529787757';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "documents" DROP CONSTRAINT "documents_type_check"`);
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "documents_type_check" CHECK (type IN ('resolution','directive','conclusion','regulation','guidance','announcement','decision','plan','study_material','other'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "documents" SET "type" = 'other' WHERE "type" IN ('announcement','decision','plan')`);
    await q.query(`ALTER TABLE "documents" DROP CONSTRAINT "documents_type_check"`);
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "documents_type_check" CHECK (type IN ('resolution','directive','conclusion','regulation','guidance','study_material','other'))`,
    );
  }
}
