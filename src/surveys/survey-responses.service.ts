import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { applyCursor, cursorPage, DEFAULT_CURSOR_LIMIT } from '../common/cursor.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { scopeAudience } from '../common/scope.js';
import type { SubmitSurveyResponseDto } from './dto/submission.dto.js';
import type { MySurveysQuery } from './dto/survey.dto.js';
import {
  effectiveStatus,
  toMySurveyDetail,
  toMySurveyListItem,
  type MySurveyDetail,
  type MySurveyPage,
  type SurveySubmissionResult,
} from './dto/survey.response.js';
import type { MySurveyAnswerRecord, MySurveyRecord } from './dto/survey-personal-data.response.js';
import type { QuestionType } from './survey-question.entity.js';
import { Survey, type SurveyKind } from './survey.entity.js';
import { checkAnswers, scoreQuiz } from './survey-answers.js';
import { SurveyErrors } from './surveys.errors.js';
import { SurveysService, UUID } from './surveys.service.js';

/** The first key of the per-survey release lock (two-key advisory locks; see database/advisory-lock.ts). */
const SURVEY_RELEASE_LOCK = 7_342_004;

/** Taking answers now: opened, and within [opensAt, closesAt). */
const OPEN_NOW = `s.status = 'open' AND (s.opens_at IS NULL OR s.opens_at <= now()) AND (s.closes_at IS NULL OR s.closes_at > now())`;

/**
 * The members' side (the mobile app): the surveys that target them (sent by their committee or
 * one above it: a survey invites its committee's whole subtree), and answering one.
 * A draft, a scheduled survey, or one sent to another subtree is a 404 here like a missing one.
 */
@Injectable()
export class SurveyResponsesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly surveys: SurveysService,
    private readonly config: AppConfig,
  ) {}

  /** Every member query starts here: opened (or closed) surveys sent to the caller's committee chain. */
  private targeted(m: EntityManager, principal: Principal): SelectQueryBuilder<Survey> {
    const qb = m
      .getRepository(Survey)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.committee', 'c')
      .where(`s.status <> 'draft'`)
      .andWhere('(s.opens_at IS NULL OR s.opens_at <= now())');
    return scopeAudience(qb, principal, 's.committee_id');
  }

  /** The open surveys sent to the caller, newest first, with whether they answered. */
  async list(principal: Principal, query: MySurveysQuery): Promise<MySurveyPage> {
    const m = this.db.manager;
    const limit = query.limit ?? DEFAULT_CURSOR_LIMIT;
    const qb = this.targeted(m, principal).andWhere(OPEN_NOW);
    const page = cursorPage(await applyCursor(qb, 's', query.cursor, limit).getMany(), limit);
    const ids = page.items.map((s) => s.id);
    const counts = new Map<string, number>();
    const answered = new Set<string>();
    if (ids.length) {
      const rows: { survey_id: string; n: number }[] = await m.query(
        `SELECT survey_id, count(*)::int AS n FROM survey_questions WHERE survey_id = ANY($1::uuid[]) AND type <> 'section' GROUP BY survey_id`,
        [ids],
      );
      for (const r of rows) counts.set(r.survey_id, r.n);
      if (principal.memberId) {
        const done: { survey_id: string }[] = await m.query(
          `SELECT survey_id FROM survey_participations WHERE member_id = $1 AND survey_id = ANY($2::uuid[])`,
          [principal.memberId, ids],
        );
        for (const r of done) answered.add(r.survey_id);
      }
    }
    return { items: page.items.map((s) => toMySurveyListItem(s, counts.get(s.id) ?? 0, answered.has(s.id))), nextCursor: page.nextCursor };
  }

  /**
   * One survey to answer (or that has closed), without the quiz's correct options and points.
   * The place to hook per-view analytics is here (one call per detail read).
   */
  async read(principal: Principal, id: string): Promise<MySurveyDetail> {
    const m = this.db.manager;
    if (!UUID.test(id)) throw SurveyErrors.notFound();
    const survey = await this.targeted(m, principal).andWhere('s.id = :id', { id }).getOne();
    if (!survey) throw SurveyErrors.notFound();
    survey.questions = await this.surveys.loadQuestions(m, id);
    return toMySurveyDetail(survey, await this.hasAnswered(m, principal, id));
  }

  /**
   * The surveys and quizzes the member answered, for their personal-data export: every
   * participation, and for a survey that is not anonymous the answers in the words the member saw.
   * An anonymous survey's answers are not linked to anyone, so they cannot be listed (null).
   */
  async personalData(m: EntityManager, memberId: string): Promise<MySurveyRecord[]> {
    const rows: {
      survey_id: string;
      title: string;
      kind: SurveyKind;
      anonymous: boolean;
      responded_on: string;
      response_id: string | null;
      score: number | null;
      passed: boolean | null;
    }[] = await m.query(
      `SELECT s.id AS survey_id, s.title, s.kind, s.anonymous, p.responded_on::text AS responded_on, r.id AS response_id, r.score, r.passed
         FROM survey_participations p
         JOIN surveys s ON s.id = p.survey_id
         LEFT JOIN survey_responses r ON r.survey_id = p.survey_id AND r.member_id = p.member_id AND NOT s.anonymous
        WHERE p.member_id = $1
        ORDER BY p.responded_on, s.created_at, s.id`,
      [memberId],
    );
    const responseIds = rows.flatMap((r) => (r.response_id ? [r.response_id] : []));
    const answers: { response_id: string; question_id: string; question: string; type: QuestionType; option: string | null; text: string | null; value: number | null }[] =
      responseIds.length === 0
        ? []
        : await m.query(
            `SELECT a.response_id, q.id AS question_id, q.text AS question, q.type, o.text AS option, a.text, a.value
               FROM survey_answers a
               JOIN survey_questions q ON q.id = a.question_id
               LEFT JOIN survey_options o ON o.id = a.option_id
              WHERE a.response_id = ANY ($1::uuid[])
              ORDER BY a.response_id, q.position, o.position`,
            [responseIds],
          );
    const byResponse = new Map<string, Map<string, MySurveyAnswerRecord>>();
    for (const a of answers) {
      const questions = byResponse.get(a.response_id) ?? new Map<string, MySurveyAnswerRecord>();
      byResponse.set(a.response_id, questions);
      const answer = questions.get(a.question_id) ?? { question: a.question, type: a.type, options: [], text: null, value: null };
      questions.set(a.question_id, answer);
      if (a.option !== null) answer.options.push(a.option);
      if (a.text !== null) answer.text = a.text;
      if (a.value !== null) answer.value = a.value;
    }
    return rows.map((r) => ({
      surveyId: r.survey_id,
      title: r.title,
      kind: r.kind,
      anonymous: r.anonymous,
      respondedOn: r.responded_on,
      score: r.score,
      passed: r.passed,
      answers: r.anonymous ? null : [...(byResponse.get(r.response_id ?? '')?.values() ?? [])],
    }));
  }

  private async hasAnswered(m: EntityManager, principal: Principal, surveyId: string): Promise<boolean> {
    if (!principal.memberId) return false;
    const rows = await m.query(`SELECT 1 FROM survey_participations WHERE survey_id = $1 AND member_id = $2`, [surveyId, principal.memberId]);
    return rows.length > 0;
  }

  /**
   * Releases an anonymous survey's waiting answers into its results once at least k of them wait
   * (survey-anonymity.ts): its figures then move only in steps of k or more answers. Releases run
   * one at a time per survey (a transaction-level advisory lock; the statement after it sees the
   * releases committed meanwhile), so two answers racing cannot release a step smaller than k.
   */
  private async release(m: EntityManager, surveyId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [SURVEY_RELEASE_LOCK, surveyId]);
    await m.query(
      `UPDATE survey_responses SET released = true
        WHERE survey_id = $1 AND NOT released
          AND (SELECT count(*) FROM survey_responses WHERE survey_id = $1 AND NOT released) >= $2`,
      [surveyId, this.config.SURVEY_ANONYMITY_K],
    );
  }

  /**
   * Records a member's answer, all or nothing. The survey row is share-locked, so an edit of its
   * questions or a close waits for the answers in flight (and they for it). One answer per member:
   * the participation row goes in first, and its primary key turns a second (or a simultaneous)
   * answer into 409 ALREADY_RESPONDED. For an anonymous survey the response row carries neither
   * the member nor their committee, and the participation row does not point at the response.
   */
  async submit(principal: Principal, id: string, dto: SubmitSurveyResponseDto): Promise<SurveySubmissionResult> {
    const memberId = principal.memberId;
    if (!memberId) throw SurveyErrors.notAMember();
    if (!UUID.test(id)) throw SurveyErrors.notFound();
    return this.db.transaction(async (m) => {
      const survey = await this.targeted(m, principal).andWhere('s.id = :id', { id }).setLock('pessimistic_read', undefined, ['s']).getOne();
      if (!survey) throw SurveyErrors.notFound();
      const status = effectiveStatus(survey);
      if (status !== 'open') throw SurveyErrors.notAcceptingResponses(status);
      // the member answers on the terms they were shown (and anonymity cannot change once open)
      if (dto.anonymous !== undefined && dto.anonymous !== survey.anonymous) throw SurveyErrors.anonymityChanged(survey.anonymous);
      const [member]: { committee_id: number; answered: boolean }[] = await m.query(
        `SELECT mb.committee_id, EXISTS (SELECT 1 FROM survey_participations p WHERE p.survey_id = $1 AND p.member_id = mb.id) AS answered
           FROM members mb WHERE mb.id = $2 AND mb.end_state IS NULL`,
        [id, memberId],
      );
      if (!member) throw SurveyErrors.notAMember();
      if (member.answered) throw SurveyErrors.alreadyResponded();

      // every answer is checked before anything is written
      const questions = await this.surveys.loadQuestions(m, id);
      const definitions = questions.map((q) => ({ ...q, options: q.options ?? [] }));
      const rows = checkAnswers(definitions, dto.answers);
      const quiz = survey.kind === 'quiz' ? scoreQuiz(definitions, rows) : null;
      const passed = quiz ? quiz.score >= (survey.passMark ?? 0) : null;
      const today = localDate();

      // One statement, three inserts, each fed by the one before: the participation first, whose
      // primary key is the guard (a second answer by the same member, also one racing this, inserts
      // nothing and so neither do the others); then the response (without the member when
      // anonymous); then its answers.
      const [written]: { responses: number }[] = await m.query(
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
          id,
          memberId,
          member.committee_id,
          today,
          survey.anonymous ? null : memberId,
          survey.anonymous ? null : member.committee_id,
          quiz?.score ?? null,
          passed,
          rows.map((r) => r.questionId),
          rows.map((r) => r.optionId),
          rows.map((r) => r.text),
          rows.map((r) => r.value),
          !survey.anonymous,
        ],
      );
      if (written.responses !== 1) throw SurveyErrors.alreadyResponded();
      if (survey.anonymous) await this.release(m, id);

      return {
        surveyId: id,
        submittedOn: today,
        score: quiz?.score ?? null,
        maxScore: quiz?.maxScore ?? null,
        passMark: quiz ? survey.passMark : null,
        passed,
        questions: quiz?.questions ?? null,
      };
    });
  }
}
