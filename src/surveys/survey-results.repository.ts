import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

export interface TextAnswerRow {
  question_id: string;
  text: string;
  member_name: string | null;
  committee_name: string | null;
}
export interface ParticipationUnitRow {
  id: number;
  name: string;
  own: boolean;
  invited: number;
  respondents: number;
}

/**
 * The results of one survey, as SQL aggregates (GROUP BY over the answers, never a walk over every
 * row in JS). Each method takes `released`: count only the released answers of an anonymous survey
 * (surveys.rules.ts, onlyReleased). The caller runs them in one REPEATABLE READ transaction so the
 * figures agree with each other.
 */
@Injectable()
export class SurveyResultsRepository {
  /** `AND released` on survey_responses. */
  private static responses(released: boolean): string {
    return released ? 'AND released' : '';
  }

  /** The same condition on survey_answers `a`. */
  private static answers(released: boolean): string {
    return released ? 'AND a.response_id IN (SELECT id FROM survey_responses WHERE survey_id = $1 AND released)' : '';
  }

  async respondents(tx: Tx, surveyId: string, released: boolean): Promise<number> {
    const R = SurveyResultsRepository.responses(released);
    const [{ respondents }]: { respondents: number }[] = await tx.query(
      `SELECT count(*)::int AS respondents FROM survey_responses WHERE survey_id = $1 ${R}`,
      [surveyId],
    );
    return respondents;
  }

  /** How many responses answered each question. */
  async answeredPerQuestion(tx: Tx, surveyId: string, released: boolean): Promise<Map<string, number>> {
    const RA = SurveyResultsRepository.answers(released);
    const rows: { question_id: string; n: number }[] = await tx.query(
      `SELECT a.question_id, count(DISTINCT a.response_id)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 ${RA} GROUP BY a.question_id`,
      [surveyId],
    );
    return new Map(rows.map((r) => [r.question_id, r.n]));
  }

  /** How many times each option was chosen. */
  async optionCounts(tx: Tx, surveyId: string, released: boolean): Promise<Map<string, number>> {
    const RA = SurveyResultsRepository.answers(released);
    const rows: { option_id: string; n: number }[] = await tx.query(
      `SELECT a.option_id, count(*)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.option_id IS NOT NULL ${RA} GROUP BY a.option_id`,
      [surveyId],
    );
    return new Map(rows.map((r) => [r.option_id, r.n]));
  }

  /** The distribution of each rating question's values. */
  ratingCounts(tx: Tx, surveyId: string, released: boolean): Promise<{ question_id: string; value: number; n: number }[]> {
    const RA = SurveyResultsRepository.answers(released);
    return tx.query(
      `SELECT a.question_id, a.value::int AS value, count(*)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.value IS NOT NULL ${RA} GROUP BY a.question_id, a.value`,
      [surveyId],
    );
  }

  /** Each rating question's average, rounded to 2 decimals. */
  async ratingAverages(tx: Tx, surveyId: string, released: boolean): Promise<Map<string, number>> {
    const RA = SurveyResultsRepository.answers(released);
    const rows: { question_id: string; average: number }[] = await tx.query(
      `SELECT a.question_id, round(avg(a.value), 2)::float8 AS average
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.value IS NOT NULL ${RA} GROUP BY a.question_id`,
      [surveyId],
    );
    return new Map(rows.map((r) => [r.question_id, r.average]));
  }

  /** A quiz: per choice question, how many responses chose exactly its correct options. */
  async correctCounts(tx: Tx, surveyId: string, released: boolean): Promise<Map<string, number>> {
    const RA = SurveyResultsRepository.answers(released);
    const rows: { question_id: string; n: number }[] = await tx.query(
      `WITH picks AS (
         SELECT a.response_id, a.question_id, count(*) AS chosen, count(*) FILTER (WHERE o.correct) AS right_chosen
           FROM survey_answers a
           JOIN survey_options o ON o.id = a.option_id
           JOIN survey_questions q ON q.id = a.question_id
          WHERE q.survey_id = $1 ${RA}
          GROUP BY a.response_id, a.question_id),
       needed AS (
         SELECT o.question_id, count(*) FILTER (WHERE o.correct) AS n
           FROM survey_options o JOIN survey_questions q ON q.id = o.question_id
          WHERE q.survey_id = $1 GROUP BY o.question_id)
       SELECT p.question_id, count(*)::int AS n
         FROM picks p JOIN needed ON needed.question_id = p.question_id
        WHERE needed.n > 0 AND p.chosen = needed.n AND p.right_chosen = needed.n
        GROUP BY p.question_id`,
      [surveyId],
    );
    return new Map(rows.map((r) => [r.question_id, r.n]));
  }

  /** Responses per day of submission, in date order. */
  responsesByDay(tx: Tx, surveyId: string, released: boolean): Promise<{ date: string; n: number }[]> {
    const R = SurveyResultsRepository.responses(released);
    return tx.query(
      `SELECT submitted_on::text AS date, count(*)::int AS n FROM survey_responses WHERE survey_id = $1 ${R} GROUP BY submitted_on ORDER BY submitted_on`,
      [surveyId],
    );
  }

  /** A quiz: responses per score. */
  scoreCounts(tx: Tx, surveyId: string, released: boolean): Promise<{ score: number; n: number }[]> {
    const R = SurveyResultsRepository.responses(released);
    return tx.query(`SELECT score, count(*)::int AS n FROM survey_responses WHERE survey_id = $1 ${R} GROUP BY score`, [surveyId]);
  }

  /** A quiz: how many passed, and the average score (rounded to 2 decimals; null without responses). */
  async quizSummary(tx: Tx, surveyId: string, released: boolean): Promise<{ passed: number; average: number | null }> {
    const R = SurveyResultsRepository.responses(released);
    const [summary]: { passed: number; average: number | null }[] = await tx.query(
      `SELECT count(*) FILTER (WHERE passed)::int AS passed, round(avg(score), 2)::float8 AS average FROM survey_responses WHERE survey_id = $1 ${R}`,
      [surveyId],
    );
    return summary;
  }

  /** How many text answers each question has. */
  async textAnswerCounts(tx: Tx, surveyId: string, released: boolean): Promise<Map<string, number>> {
    const RA = SurveyResultsRepository.answers(released);
    const counts: { question_id: string; n: number }[] = await tx.query(
      `SELECT a.question_id, count(*)::int AS n
         FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id
        WHERE q.survey_id = $1 AND a.text IS NOT NULL ${RA} GROUP BY a.question_id`,
      [surveyId],
    );
    return new Map(counts.map((c) => [c.question_id, c.n]));
  }

  /**
   * Text answers per question, the first `limit` of each (all when null). With `identity` (a survey
   * that is not anonymous) each carries the member's name and their committee's, ordered by branch
   * and member; without, neither, in alphabetical order (which says nothing about who answered when).
   *
   * A report read across modules: the names come from members and committees (read only), joined
   * here so that the per-question limit applies after the database's own ordering of the names.
   */
  textAnswers(tx: Tx, surveyId: string, released: boolean, identity: boolean, limit: number | null): Promise<TextAnswerRow[]> {
    const RA = SurveyResultsRepository.answers(released);
    return tx.query(
      `SELECT question_id, text, member_name, committee_name FROM (
         SELECT a.question_id, a.text,
                ${identity ? 'mb.full_name' : 'NULL'} AS member_name,
                ${identity ? 'c.name' : 'NULL'} AS committee_name,
                row_number() OVER (PARTITION BY a.question_id ORDER BY ${identity ? 'c.name, mb.name_sort_key, a.id' : 'a.text, a.id'}) AS rn
           FROM survey_answers a
           JOIN survey_questions q ON q.id = a.question_id
           ${identity ? 'JOIN survey_responses r ON r.id = a.response_id LEFT JOIN members mb ON mb.id = r.member_id LEFT JOIN committees c ON c.id = r.committee_id' : ''}
          WHERE q.survey_id = $1 AND a.text IS NOT NULL ${RA}
       ) t
       WHERE $2::int IS NULL OR rn <= $2::int
       ORDER BY question_id, rn`,
      [surveyId, limit],
    );
  }

  /**
   * Participation per direct sub-committee of the target committee: its current members (invited)
   * and the members who answered while their branch lay in its subtree; the target's own members
   * (attached to the target itself) form a row of their own when there are any. Archived
   * sub-committees show only when they hold someone.
   *
   * A report read across modules: it groups members and participations by the committee tree
   * (committees.path, ltree) in one statement; the committees and members tables are read only.
   */
  participationByUnit(tx: Tx, surveyId: string, committeeId: number): Promise<ParticipationUnitRow[]> {
    return tx.query(
      `WITH t AS (SELECT id, path, nlevel(path) AS lvl FROM committees WHERE id = $2),
       inv AS (
         SELECT CASE WHEN nlevel(c.path) > t.lvl THEN ltree2text(subpath(c.path, t.lvl, 1))::int ELSE t.id END AS unit, count(*) AS n
           FROM members mb JOIN committees c ON c.id = mb.committee_id CROSS JOIN t
          WHERE mb.end_state IS NULL AND c.path <@ t.path
          GROUP BY 1),
       resp AS (
         SELECT CASE WHEN nlevel(c.path) > t.lvl THEN ltree2text(subpath(c.path, t.lvl, 1))::int ELSE t.id END AS unit, count(*) AS n
           FROM survey_participations p JOIN committees c ON c.id = p.committee_id CROSS JOIN t
          WHERE p.survey_id = $1 AND c.path <@ t.path
          GROUP BY 1)
       SELECT u.id, u.name, (u.id = t.id) AS own, COALESCE(inv.n, 0)::int AS invited, COALESCE(resp.n, 0)::int AS respondents
         FROM committees u CROSS JOIN t
         LEFT JOIN inv ON inv.unit = u.id
         LEFT JOIN resp ON resp.unit = u.id
        WHERE (u.parent_id = t.id AND (u.archived_at IS NULL OR inv.n > 0 OR resp.n > 0))
           OR (u.id = t.id AND (inv.n > 0 OR resp.n > 0))
        ORDER BY (u.id = t.id) DESC, u.name, u.id`,
      [surveyId, committeeId],
    );
  }
}
