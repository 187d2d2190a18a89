import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Surveys and resolution-study quizzes (issue 5): the definition (surveys, questions, options), the
 * answers (responses, answers) and, apart from them, who answered (participations, whose primary key
 * is the one-answer-per-member guard). Nothing links a participation to its response.
 */
export class SurveysModule1795671851241 implements MigrationInterface {
  name = 'SurveysModule1795671851241';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "surveys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" integer NOT NULL, "title" character varying(500) NOT NULL, "description" text, "kind" character varying(8) NOT NULL, "status" character varying(8) NOT NULL DEFAULT 'draft', "opens_at" TIMESTAMP(3) WITH TIME ZONE, "closes_at" TIMESTAMP(3) WITH TIME ZONE, "anonymous" boolean NOT NULL DEFAULT false, "results_visibility" character varying(16) NOT NULL DEFAULT 'after_close', "pass_mark" integer, "published_at" TIMESTAMP(3) WITH TIME ZONE, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "surveys_published_at_check" CHECK (status = 'draft' OR published_at IS NOT NULL), CONSTRAINT "surveys_pass_mark_check" CHECK ((kind = 'quiz') = (pass_mark IS NOT NULL) AND (pass_mark IS NULL OR pass_mark >= 0)), CONSTRAINT "surveys_window_check" CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at), CONSTRAINT "surveys_results_visibility_check" CHECK (results_visibility IN ('after_close','live')), CONSTRAINT "surveys_status_check" CHECK (status IN ('draft','open','closed')), CONSTRAINT "surveys_kind_check" CHECK (kind IN ('survey','quiz')), CONSTRAINT "surveys_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "surveys_committee_id_idx" ON "surveys"  ("committee_id") `,
      `CREATE INDEX "surveys_feed_idx" ON "surveys"  ("published_at", "id") WHERE status = 'open'`,
      `CREATE TABLE "survey_questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "survey_id" uuid NOT NULL, "position" integer NOT NULL, "type" character varying(16) NOT NULL, "text" character varying(2000) NOT NULL, "required" boolean NOT NULL DEFAULT false, "min_selections" integer, "max_selections" integer, "points" integer, CONSTRAINT "survey_questions_section_check" CHECK (type <> 'section' OR NOT required), CONSTRAINT "survey_questions_points_check" CHECK (points IS NULL OR (points >= 0 AND type IN ('single','multiple'))), CONSTRAINT "survey_questions_selections_range_check" CHECK ((min_selections IS NULL OR min_selections >= 0) AND (max_selections IS NULL OR max_selections >= 1) AND (min_selections IS NULL OR max_selections IS NULL OR min_selections <= max_selections)), CONSTRAINT "survey_questions_selections_check" CHECK (type = 'multiple' OR (min_selections IS NULL AND max_selections IS NULL)), CONSTRAINT "survey_questions_type_check" CHECK (type IN ('single','multiple','short_text','long_text','rating','section')), CONSTRAINT "survey_questions_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "survey_questions_survey_id_position_idx" ON "survey_questions"  ("survey_id", "position") `,
      `CREATE TABLE "survey_options" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "question_id" uuid NOT NULL, "position" integer NOT NULL, "text" character varying(1000) NOT NULL, "correct" boolean NOT NULL DEFAULT false, CONSTRAINT "survey_options_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "survey_options_question_id_position_idx" ON "survey_options"  ("question_id", "position") `,
      `CREATE TABLE "survey_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "survey_id" uuid NOT NULL, "member_id" uuid, "committee_id" integer, "submitted_on" date NOT NULL, "score" integer, "passed" boolean, CONSTRAINT "survey_responses_identity_check" CHECK (member_id IS NOT NULL OR committee_id IS NULL), CONSTRAINT "survey_responses_score_check" CHECK ((score IS NULL) = (passed IS NULL) AND (score IS NULL OR score >= 0)), CONSTRAINT "survey_responses_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "survey_responses_survey_id_idx" ON "survey_responses"  ("survey_id") `,
      `CREATE INDEX "survey_responses_member_id_idx" ON "survey_responses"  ("member_id") WHERE member_id IS NOT NULL`,
      `CREATE TABLE "survey_answers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "response_id" uuid NOT NULL, "question_id" uuid NOT NULL, "option_id" uuid, "text" text, "value" smallint, CONSTRAINT "survey_answers_value_check" CHECK (value IS NULL OR (value >= 1 AND value <= 5)), CONSTRAINT "survey_answers_one_value_check" CHECK (num_nonnulls(option_id, text, value) = 1), CONSTRAINT "survey_answers_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "survey_answers_response_id_idx" ON "survey_answers"  ("response_id") `,
      `CREATE INDEX "survey_answers_option_id_idx" ON "survey_answers"  ("option_id") WHERE option_id IS NOT NULL`,
      `CREATE INDEX "survey_answers_question_id_option_id_idx" ON "survey_answers"  ("question_id", "option_id") `,
      `CREATE TABLE "survey_participations" ("survey_id" uuid NOT NULL, "member_id" uuid NOT NULL, "committee_id" integer NOT NULL, "responded_on" date NOT NULL, CONSTRAINT "survey_participations_pkey" PRIMARY KEY ("survey_id", "member_id"))`,
      `CREATE INDEX "survey_participations_member_id_idx" ON "survey_participations"  ("member_id") `,
      `CREATE INDEX "survey_participations_committee_id_idx" ON "survey_participations"  ("committee_id") `,
      `ALTER TABLE "surveys" ADD CONSTRAINT "surveys_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_options" ADD CONSTRAINT "survey_options_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "survey_responses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "survey_questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_answers" ADD CONSTRAINT "survey_answers_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "survey_options"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "surveys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "survey_participations" DROP CONSTRAINT "survey_participations_committee_id_fkey"`,
      `ALTER TABLE "survey_participations" DROP CONSTRAINT "survey_participations_member_id_fkey"`,
      `ALTER TABLE "survey_participations" DROP CONSTRAINT "survey_participations_survey_id_fkey"`,
      `ALTER TABLE "survey_answers" DROP CONSTRAINT "survey_answers_option_id_fkey"`,
      `ALTER TABLE "survey_answers" DROP CONSTRAINT "survey_answers_question_id_fkey"`,
      `ALTER TABLE "survey_answers" DROP CONSTRAINT "survey_answers_response_id_fkey"`,
      `ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_committee_id_fkey"`,
      `ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_member_id_fkey"`,
      `ALTER TABLE "survey_responses" DROP CONSTRAINT "survey_responses_survey_id_fkey"`,
      `ALTER TABLE "survey_options" DROP CONSTRAINT "survey_options_question_id_fkey"`,
      `ALTER TABLE "survey_questions" DROP CONSTRAINT "survey_questions_survey_id_fkey"`,
      `ALTER TABLE "surveys" DROP CONSTRAINT "surveys_created_by_fkey"`,
      `ALTER TABLE "surveys" DROP CONSTRAINT "surveys_committee_id_fkey"`,
      `DROP INDEX "public"."survey_participations_committee_id_idx"`,
      `DROP INDEX "public"."survey_participations_member_id_idx"`,
      `DROP TABLE "survey_participations"`,
      `DROP INDEX "public"."survey_answers_question_id_option_id_idx"`,
      `DROP INDEX "public"."survey_answers_option_id_idx"`,
      `DROP INDEX "public"."survey_answers_response_id_idx"`,
      `DROP TABLE "survey_answers"`,
      `DROP INDEX "public"."survey_responses_member_id_idx"`,
      `DROP INDEX "public"."survey_responses_survey_id_idx"`,
      `DROP TABLE "survey_responses"`,
      `DROP INDEX "public"."survey_options_question_id_position_idx"`,
      `DROP TABLE "survey_options"`,
      `DROP INDEX "public"."survey_questions_survey_id_position_idx"`,
      `DROP TABLE "survey_questions"`,
      `DROP INDEX "public"."surveys_feed_idx"`,
      `DROP INDEX "public"."surveys_committee_id_idx"`,
      `DROP TABLE "surveys"`,
    ]) {
      await q.query(sql);
    }
  }
}
