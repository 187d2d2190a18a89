import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { QuestionType } from './survey-question.entity.js';
import type { SurveyKind } from './survey.entity.js';

/** The first key of the per-survey release lock (two-key advisory locks; see database/advisory-lock.ts). */
const SURVEY_RELEASE_LOCK = 7_342_004;

/** A member's participation as their personal-data export lists it (the response only when not anonymous). */
export interface ParticipationRow {
  survey_id: string;
  title: string;
  kind: SurveyKind;
  anonymous: boolean;
  responded_on: string;
  response_id: string | null;
  score: number | null;
  passed: boolean | null;
}

/** One stored answer in the words the member saw (an option's text, a text, a rating). */
export interface AnswerRecordRow {
  response_id: string;
  question_id: string;
  question: string;
  type: QuestionType;
  option: string | null;
  text: string | null;
  value: number | null;
}

/** A member's answer to write at once: the participation, the response and its answers. */
export interface Submission {
  surveyId: string;
  memberId: string;
  /** The member's committee now: the participation's; the response's only when not anonymous. */
  committeeId: number;
  respondedOn: string;
  anonymous: boolean;
  score: number | null;
  passed: boolean | null;
  answers: { questionId: string; optionId: string | null; text: string | null; value: number | null }[];
}

/**
 * Who answered (survey_participations: one row per member and survey, the guard against a second
 * answer) and what (survey_responses and survey_answers; an anonymous survey's carry no member).
 */
@Injectable()
export class SurveyResponseRepository {
  /** Every answer stored, and the released ones (an anonymous survey's shown answers, surveys.rules.ts), per survey. */
  async respondentCounts(tx: Tx, surveyIds: string[]): Promise<Map<string, { total: number; released: number }>> {
    if (!surveyIds.length) return new Map();
    const rows: { survey_id: string; total: number; released: number }[] = await tx.query(
      `SELECT survey_id, count(*)::int AS total, (count(*) FILTER (WHERE released))::int AS released
         FROM survey_responses WHERE survey_id = ANY($1::uuid[]) GROUP BY survey_id`,
      [surveyIds],
    );
    return new Map(rows.map((r) => [r.survey_id, { total: r.total, released: r.released }]));
  }

  /** Which of these surveys the member answered. */
  async answeredAmong(tx: Tx, memberId: string, surveyIds: string[]): Promise<Set<string>> {
    if (!surveyIds.length) return new Set();
    const done: { survey_id: string }[] = await tx.query(
      `SELECT survey_id FROM survey_participations WHERE member_id = $1 AND survey_id = ANY($2::uuid[])`,
      [memberId, surveyIds],
    );
    return new Set(done.map((r) => r.survey_id));
  }

  async hasAnswered(tx: Tx, surveyId: string, memberId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM survey_participations WHERE survey_id = $1 AND member_id = $2`, [
      surveyId,
      memberId,
    ]);
    return rows.length > 0;
  }

  /** Every participation of the member, oldest first, with the response of a survey that is not anonymous. */
  participationsOf(tx: Tx, memberId: string): Promise<ParticipationRow[]> {
    return tx.query(
      `SELECT s.id AS survey_id, s.title, s.kind, s.anonymous, p.responded_on::text AS responded_on, r.id AS response_id, r.score, r.passed
         FROM survey_participations p
         JOIN surveys s ON s.id = p.survey_id
         LEFT JOIN survey_responses r ON r.survey_id = p.survey_id AND r.member_id = p.member_id AND NOT s.anonymous
        WHERE p.member_id = $1
        ORDER BY p.responded_on, s.created_at, s.id`,
      [memberId],
    );
  }

  /** The answers of these responses in the words the member saw, by response then question and option order. */
  async answersOf(tx: Tx, responseIds: string[]): Promise<AnswerRecordRow[]> {
    if (responseIds.length === 0) return [];
    return tx.query(
      `SELECT a.response_id, q.id AS question_id, q.text AS question, q.type, o.text AS option, a.text, a.value
         FROM survey_answers a
         JOIN survey_questions q ON q.id = a.question_id
         LEFT JOIN survey_options o ON o.id = a.option_id
        WHERE a.response_id = ANY ($1::uuid[])
        ORDER BY a.response_id, q.position, o.position`,
      [responseIds],
    );
  }

  /**
   * Writes a member's answer: one statement, three inserts, each fed by the one before. The
   * participation first, whose primary key is the guard (a second answer by the same member, also
   * one racing this, inserts nothing and so neither do the others); then the response (without the
   * member when anonymous, and then unreleased); then its answers. Answers whether it was written.
   */
  async insertSubmission(tx: Tx, s: Submission): Promise<boolean> {
    const [written]: { responses: number }[] = await tx.query(
      `WITH participation AS (
         INSERT INTO survey_participations (survey_id, member_id, committee_id, responded_on) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT survey_participations_pkey DO NOTHING
         RETURNING survey_id),
       response AS (
         INSERT INTO survey_responses (survey_id, member_id, committee_id, submitted_on, score, passed, released)
         SELECT survey_id, $5::uuid, $6::int, $4, $7::int, $8::boolean, $13::boolean FROM participation
         RETURNING id),
       answers AS (
         INSERT INTO survey_answers (response_id, question_id, option_id, text, value)
         SELECT response.id, a.question_id, a.option_id, a.text, a.value
           FROM response, unnest($9::uuid[], $10::uuid[], $11::text[], $12::smallint[]) AS a(question_id, option_id, text, value)
         RETURNING 1)
       SELECT (SELECT count(*) FROM response)::int AS responses, (SELECT count(*) FROM answers)::int AS answers`,
      [
        s.surveyId,
        s.memberId,
        s.committeeId,
        s.respondedOn,
        s.anonymous ? null : s.memberId,
        s.anonymous ? null : s.committeeId,
        s.score,
        s.passed,
        s.answers.map((r) => r.questionId),
        s.answers.map((r) => r.optionId),
        s.answers.map((r) => r.text),
        s.answers.map((r) => r.value),
        !s.anonymous,
      ],
    );
    return written.responses === 1;
  }

  /**
   * Releases an anonymous survey's waiting answers once at least `k` of them wait (surveys.rules.ts).
   * Releases run one at a time per survey (a transaction-level advisory lock; the statement after it
   * sees the releases committed meanwhile), so two answers racing cannot release a step smaller than k.
   */
  async release(tx: Tx, surveyId: string, k: number): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [SURVEY_RELEASE_LOCK, surveyId]);
    await tx.query(
      `UPDATE survey_responses SET released = true
        WHERE survey_id = $1 AND NOT released
          AND (SELECT count(*) FROM survey_responses WHERE survey_id = $1 AND NOT released) >= $2`,
      [surveyId, k],
    );
  }
}
