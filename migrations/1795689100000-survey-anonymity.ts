import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outside review II, finding 3: an anonymous survey's answers are shown only in steps of at least k
 * (SURVEY_ANONYMITY_K). An answer is stored unreleased and released with the others once k are
 * waiting (src/surveys/survey-responses.service.ts, submit); answers of named surveys, and every
 * answer stored before this migration, count as released.
 */
export class SurveyAnonymity1795689100000 implements MigrationInterface {
  name = 'SurveyAnonymity1795689100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_responses" ADD "released" boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "survey_responses" DROP COLUMN "released"`);
  }
}
