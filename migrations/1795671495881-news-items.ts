import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * News items (issue 4): published by a committee, read by the members of its subtree.
 * `news_items_title_search_idx` (trigram on f_unaccent(title)) is by hand: TypeORM cannot express it.
 */
export class NewsItems1795671495881 implements MigrationInterface {
  name = 'NewsItems1795671495881';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "news_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" integer NOT NULL, "title" character varying(500) NOT NULL, "summary" text NOT NULL, "body" text NOT NULL, "cover_image_url" character varying(1000), "category" character varying(32) NOT NULL, "sourced" boolean NOT NULL DEFAULT false, "source_name" character varying(255), "source_url" character varying(1000), "status" character varying(16) NOT NULL DEFAULT 'draft', "published_at" TIMESTAMP(3) WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "news_items_source_check" CHECK (NOT sourced OR (source_name IS NOT NULL AND source_url IS NOT NULL)), CONSTRAINT "news_items_published_at_check" CHECK (status = 'draft' OR published_at IS NOT NULL), CONSTRAINT "news_items_status_check" CHECK (status IN ('draft','published')), CONSTRAINT "news_items_category_check" CHECK (category IN ('party_building','policy','local','example','international','other')), CONSTRAINT "news_items_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "news_items_committee_id_idx" ON "news_items"  ("committee_id") `,
      `CREATE INDEX "news_items_feed_idx" ON "news_items"  ("published_at", "id") WHERE status = 'published'`,
      `CREATE INDEX "news_items_title_search_idx" ON "news_items" USING gin (f_unaccent("title") gin_trgm_ops)`,
      `ALTER TABLE "news_items" ADD CONSTRAINT "news_items_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "news_items" ADD CONSTRAINT "news_items_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "news_items" DROP CONSTRAINT "news_items_created_by_fkey"`,
      `ALTER TABLE "news_items" DROP CONSTRAINT "news_items_committee_id_fkey"`,
      `DROP INDEX "public"."news_items_title_search_idx"`,
      `DROP INDEX "public"."news_items_feed_idx"`,
      `DROP INDEX "public"."news_items_committee_id_idx"`,
      `DROP TABLE "news_items"`,
    ]) {
      await q.query(sql);
    }
  }
}
