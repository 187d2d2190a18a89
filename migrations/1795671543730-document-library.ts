import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The document library: content-addressed stored files, documents (published by a committee),
 * and readers' bookmarks. The trigram indexes (diacritics-insensitive search of title, number and
 * summary through f_unaccent) and the GIN index of tags are written by hand (TypeORM cannot
 * express them; the entity declares them with synchronize: false).
 */

export class DocumentLibrary1795671543730 implements MigrationInterface {
  name = 'DocumentLibrary1795671543730';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "stored_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sha256" character(64) NOT NULL, "size" bigint NOT NULL, "mime" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "stored_files_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "stored_files_sha256_key" ON "stored_files"  ("sha256") `,
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" integer NOT NULL, "title" character varying(500) NOT NULL, "number" character varying(100), "type" character varying(24) NOT NULL, "issuing_body" character varying(255) NOT NULL, "issued_on" date, "summary" text NOT NULL DEFAULT '', "tags" text array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'draft', "published_at" TIMESTAMP WITH TIME ZONE, "file_id" uuid, "file_name" character varying(255), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "documents_file_name_check" CHECK ((file_id IS NULL) = (file_name IS NULL)), CONSTRAINT "documents_published_at_ms_check" CHECK (published_at IS NULL OR published_at = date_trunc('milliseconds', published_at)), CONSTRAINT "documents_published_at_check" CHECK (status = 'draft' OR published_at IS NOT NULL), CONSTRAINT "documents_status_check" CHECK (status IN ('draft','published')), CONSTRAINT "documents_type_check" CHECK (type IN ('resolution','directive','conclusion','regulation','guidance','study_material','other')), CONSTRAINT "documents_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "documents_committee_id_idx" ON "documents"  ("committee_id") `,
      `CREATE INDEX "documents_file_id_idx" ON "documents"  ("file_id") `,
      `CREATE INDEX "documents_published_at_idx" ON "documents"  ("published_at", "id") `,
      `CREATE INDEX "documents_title_search_idx" ON "documents" USING gin (f_unaccent("title") gin_trgm_ops)`,
      `CREATE INDEX "documents_number_search_idx" ON "documents" USING gin (f_unaccent("number") gin_trgm_ops)`,
      `CREATE INDEX "documents_summary_search_idx" ON "documents" USING gin (f_unaccent("summary") gin_trgm_ops)`,
      `CREATE INDEX "documents_tags_idx" ON "documents" USING gin ("tags")`,
      `CREATE TABLE "document_bookmarks" ("user_id" uuid NOT NULL, "document_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "document_bookmarks_created_at_ms_check" CHECK (created_at = date_trunc('milliseconds', created_at)), CONSTRAINT "document_bookmarks_pkey" PRIMARY KEY ("user_id", "document_id"))`,
      `CREATE INDEX "document_bookmarks_document_id_idx" ON "document_bookmarks"  ("document_id") `,
      `CREATE INDEX "document_bookmarks_user_id_created_at_idx" ON "document_bookmarks"  ("user_id", "created_at", "document_id") `,
      `ALTER TABLE "documents" ADD CONSTRAINT "documents_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_fkey" FOREIGN KEY ("file_id") REFERENCES "stored_files"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "document_bookmarks" ADD CONSTRAINT "document_bookmarks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "document_bookmarks" ADD CONSTRAINT "document_bookmarks_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "document_bookmarks" DROP CONSTRAINT "document_bookmarks_document_id_fkey"`,
      `ALTER TABLE "document_bookmarks" DROP CONSTRAINT "document_bookmarks_user_id_fkey"`,
      `ALTER TABLE "documents" DROP CONSTRAINT "documents_created_by_fkey"`,
      `ALTER TABLE "documents" DROP CONSTRAINT "documents_file_id_fkey"`,
      `ALTER TABLE "documents" DROP CONSTRAINT "documents_committee_id_fkey"`,
      `DROP INDEX "public"."document_bookmarks_user_id_created_at_idx"`,
      `DROP INDEX "public"."document_bookmarks_document_id_idx"`,
      `DROP TABLE "document_bookmarks"`,
      `DROP INDEX "public"."documents_tags_idx"`,
      `DROP INDEX "public"."documents_summary_search_idx"`,
      `DROP INDEX "public"."documents_number_search_idx"`,
      `DROP INDEX "public"."documents_title_search_idx"`,
      `DROP INDEX "public"."documents_published_at_idx"`,
      `DROP INDEX "public"."documents_file_id_idx"`,
      `DROP INDEX "public"."documents_committee_id_idx"`,
      `DROP TABLE "documents"`,
      `DROP INDEX "public"."stored_files_sha256_key"`,
      `DROP TABLE "stored_files"`,
    ]) {
      await q.query(sql);
    }
  }
}
