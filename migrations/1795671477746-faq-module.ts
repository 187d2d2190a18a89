import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The FAQ with automatic answers and the queue of unanswered questions.
 *
 * Search: PostgreSQL has no Vietnamese dictionary, and Vietnamese words are syllables separated by
 * spaces ("đảng phí" is one word of two syllables). `faq_search_lexemes` splits unaccented text into
 * syllables and adds every pair of adjacent syllables as one lexeme (`dang_phi`), so compound words
 * match as units. The trigger `faqs_search_refresh` keeps two search columns:
 *   search_text   f_unaccent(question + keywords), for trigram similarity (GIN gin_trgm_ops)
 *   search_vector the lexemes of the question (weight A) and of each keyword phrase (weight B,
 *                 bigrams never span two phrases), for full-text matching (GIN)
 * (`array_to_string` is not IMMUTABLE, so a generated column cannot hold them.)
 */
export class FaqModule1795671477746 implements MigrationInterface {
  name = 'FaqModule1795671477746';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "faqs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" integer NOT NULL, "question" text NOT NULL, "answer" text NOT NULL, "category" character varying(64) NOT NULL, "keywords" text array NOT NULL DEFAULT '{}', "published" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "search_text" text, "search_vector" tsvector, CONSTRAINT "faqs_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "faqs_committee_id_idx" ON "faqs"  ("committee_id") `,
      `CREATE TABLE "unanswered_questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "text" character varying(300) NOT NULL, "normalized" character varying(500) NOT NULL, "times_asked" integer NOT NULL DEFAULT '1', "first_asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committee_id" integer, "status" character varying(16) NOT NULL DEFAULT 'open', "faq_id" uuid, CONSTRAINT "unanswered_questions_times_asked_check" CHECK (times_asked >= 1), CONSTRAINT "unanswered_questions_status_check" CHECK (status IN ('open','converted','dismissed')), CONSTRAINT "unanswered_questions_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "unanswered_questions_normalized_key" ON "unanswered_questions"  ("normalized") `,
      `CREATE INDEX "unanswered_questions_committee_id_idx" ON "unanswered_questions"  ("committee_id") `,
      `ALTER TABLE "faqs" ADD CONSTRAINT "faqs_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "faqs" ADD CONSTRAINT "faqs_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "unanswered_questions" ADD CONSTRAINT "unanswered_questions_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "unanswered_questions" ADD CONSTRAINT "unanswered_questions_faq_id_fkey" FOREIGN KEY ("faq_id") REFERENCES "faqs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      // by hand: the search lexemes, the trigger that keeps the search columns, their GIN indexes
      `CREATE OR REPLACE FUNCTION faq_search_lexemes(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
        WITH w AS (
          SELECT s.word, s.n
          FROM unnest(regexp_split_to_array(btrim(regexp_replace(f_unaccent($1), '[^[:alnum:]]+', ' ', 'g')), ' ')) WITH ORDINALITY AS s(word, n)
          WHERE s.word <> ''
        )
        SELECT coalesce(array_agg(DISTINCT l.lexeme), '{}')
        FROM (SELECT w.word AS lexeme FROM w UNION ALL SELECT a.word || '_' || b.word FROM w a JOIN w b ON b.n = a.n + 1) l
      $fn$`,
      `CREATE OR REPLACE FUNCTION faqs_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.search_text := f_unaccent(NEW.question || ' ' || array_to_string(NEW.keywords, ' '));
        NEW.search_vector :=
          setweight(array_to_tsvector(faq_search_lexemes(NEW.question)), 'A') ||
          setweight(array_to_tsvector(coalesce((SELECT array_agg(DISTINCT l) FROM unnest(NEW.keywords) k, unnest(faq_search_lexemes(k)) l), '{}')), 'B');
        RETURN NEW;
      END
      $fn$`,
      `CREATE TRIGGER faqs_search_refresh BEFORE INSERT OR UPDATE OF question, keywords ON faqs FOR EACH ROW EXECUTE FUNCTION faqs_search_refresh()`,
      `CREATE INDEX "faqs_search_text_trgm_idx" ON "faqs" USING gin ("search_text" gin_trgm_ops)`,
      `CREATE INDEX "faqs_search_vector_idx" ON "faqs" USING gin ("search_vector")`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TABLE IF EXISTS "unanswered_questions"`,
      `DROP TABLE IF EXISTS "faqs"`,
      `DROP FUNCTION IF EXISTS faqs_search_refresh()`,
      `DROP FUNCTION IF EXISTS faq_search_lexemes(text)`,
    ]) {
      await q.query(sql);
    }
  }
}
