import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { applyCursor, cursorPage, DEFAULT_CURSOR_LIMIT } from '../common/cursor.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
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
import { Survey } from './entities/survey.entity.js';
import { checkAnswers, scoreQuiz } from './survey-answers.js';
import { SurveyErrors } from './surveys.errors.js';
import { SurveysService, UUID } from './surveys.service.js';

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

  private async hasAnswered(m: EntityManager, principal: Principal, surveyId: string): Promise<boolean> {
    if (!principal.memberId) return false;
    const rows = await m.query(`SELECT 1 FROM survey_participations WHERE survey_id = $1 AND member_id = $2`, [surveyId, principal.memberId]);
    return rows.length > 0;
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
           INSERT INTO survey_responses (survey_id, member_id, committee_id, submitted_on, score, passed)
           SELECT survey_id, $5::uuid, $6::int, $4, $7::int, $8::boolean FROM participation
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
        ],
      );
      if (written.responses !== 1) throw SurveyErrors.alreadyResponded();

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
