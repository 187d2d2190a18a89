import { Injectable } from '@nestjs/common';
import { In, type SelectQueryBuilder } from 'typeorm';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  invalidListQuery,
  runListQuery,
  withContentSource,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { applyCursor } from '../common/cursor.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404, scopeAudience } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { SurveyOption } from './survey-option.entity.js';
import { SurveyQuestion } from './survey-question.entity.js';
import { SURVEY_EFFECTIVE_STATUSES, SURVEY_KINDS, Survey } from './survey.entity.js';
import { SurveyErrors } from './surveys.errors.js';
import { effectiveStatusSql } from './surveys.rules.js';

/** `{"status": "open"}` filters on the status the API reports (the stored one read against the clock). */
const statusFilter: FilterHandler = (qb, value, p) => {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length || !list.every((v) => typeof v === 'string' && (SURVEY_EFFECTIVE_STATUSES as readonly string[]).includes(v))) {
    invalidListQuery('filter', `status must be one of: ${SURVEY_EFFECTIVE_STATUSES.join(', ')}`);
  }
  qb.andWhere(`${effectiveStatusSql('s')} IN (:...${p})`, { [p]: list });
};

export const SURVEY_LIST: ListSpec = {
  sortable: {
    id: 's.id',
    title: 's.title',
    kind: 's.kind',
    status: 's.status',
    opensAt: 's.opensAt',
    closesAt: 's.closesAt',
    publishedAt: 's.publishedAt',
    createdAt: 's.createdAt',
    updatedAt: 's.updatedAt',
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreaker: 's.id',
  filters: {
    id: idsFilter('s.id', 'uuid'),
    q: searchFilter('s.title'),
    kind: enumFilter('s.kind', SURVEY_KINDS),
    status: statusFilter,
    committeeId: subtreeFilter('s.committee_id'),
    anonymous: boolFilter((v) => (v ? 's.anonymous' : 'NOT s.anonymous')),
  },
};

/** Taking answers now: opened, and within [opensAt, closesAt). */
const OPEN_NOW = `s.status = 'open' AND (s.opens_at IS NULL OR s.opens_at <= now()) AND (s.closes_at IS NULL OR s.closes_at > now())`;

/** The columns of a survey that its definition sets (create and replace). */
export type SurveyFields = Pick<
  Survey,
  'committeeId' | 'title' | 'description' | 'kind' | 'opensAt' | 'closesAt' | 'anonymous' | 'resultsVisibility' | 'passMark'
>;
/** The columns of a question that its definition sets. */
export type QuestionFields = Pick<SurveyQuestion, 'position' | 'type' | 'text' | 'required' | 'minSelections' | 'maxSelections' | 'points'>;
/** The columns of an option that its definition sets. */
export type OptionFields = Pick<SurveyOption, 'position' | 'text' | 'correct'>;

/**
 * The surveys, their questions and their options: the staff's scoped reads, the members' targeted
 * reads (a survey invites its committee's whole subtree) and the definition's writes.
 */
@Injectable()
export class SurveyRepository {
  // ---- staff: within the caller's committee subtree ----

  /** The admin list (runListQuery over SURVEY_LIST) of the surveys in the caller's scope, or sent from above. */
  list(tx: Tx, principal: Principal, query: AdminListQuery): Promise<ListPage<Survey>> {
    // own (the default) or source=above: what the committees above the caller's sent out (read only)
    const spec = withContentSource(SURVEY_LIST, principal, 's.committee_id', "s.status <> 'draft'");
    return runListQuery(tx.getRepository(Survey).createQueryBuilder('s'), spec, query);
  }

  /** The survey if it exists in the caller's scope (404 otherwise), optionally locked for an update. */
  findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Survey> {
    return findInScopeOr404(tx, Survey, principal, id, {
      alias: 's',
      scope: { committeeIdColumn: 's.committee_id' },
      notFound: SurveyErrors.notFound,
      lock,
    });
  }

  /** The survey's questions with their options, in order. */
  loadQuestions(tx: Tx, surveyId: string): Promise<SurveyQuestion[]> {
    return tx
      .getRepository(SurveyQuestion)
      .createQueryBuilder('q')
      .leftJoinAndSelect('q.options', 'o')
      .where('q.survey_id = :surveyId', { surveyId })
      .orderBy('q.position', 'ASC')
      .addOrderBy('o.position', 'ASC')
      .getMany();
  }

  /** The type and points of every question of these surveys (what a list item's maxScore needs). */
  questionScores(tx: Tx, surveyIds: string[]): Promise<Pick<SurveyQuestion, 'surveyId' | 'type' | 'points'>[]> {
    if (!surveyIds.length) return Promise.resolve([]);
    return tx.find(SurveyQuestion, { select: { surveyId: true, type: true, points: true }, where: { surveyId: In(surveyIds) } });
  }

  async insert(tx: Tx, fields: SurveyFields & Pick<Survey, 'status' | 'createdBy'>): Promise<Survey> {
    return tx.save(tx.create(Survey, fields));
  }

  async update(
    tx: Tx,
    id: string,
    fields: Partial<SurveyFields & Pick<Survey, 'status' | 'openedAt' | 'closedAt' | 'publishedAt'>>,
  ): Promise<void> {
    await tx.update(Survey, { id }, fields);
  }

  /** Deletes the survey; its questions and options go with it (ON DELETE CASCADE). */
  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Survey, { id });
  }

  async deleteQuestions(tx: Tx, ids: string[]): Promise<void> {
    await tx.delete(SurveyQuestion, { id: In(ids) });
  }

  async updateQuestion(tx: Tx, id: string, fields: QuestionFields): Promise<void> {
    await tx.update(SurveyQuestion, { id }, fields);
  }

  /** Inserts a question and answers its id. */
  async insertQuestion(tx: Tx, surveyId: string, fields: QuestionFields): Promise<string> {
    const { identifiers } = await tx.insert(SurveyQuestion, { surveyId, ...fields });
    return (identifiers[0] as { id: string }).id;
  }

  async deleteOptions(tx: Tx, ids: string[]): Promise<void> {
    await tx.delete(SurveyOption, { id: In(ids) });
  }

  async updateOption(tx: Tx, id: string, fields: OptionFields): Promise<void> {
    await tx.update(SurveyOption, { id }, fields);
  }

  async insertOptions(tx: Tx, options: (OptionFields & Pick<SurveyOption, 'questionId'>)[]): Promise<void> {
    await tx.insert(SurveyOption, options);
  }

  // ---- members: the surveys sent to their committee chain ----

  /** Every member query starts here: opened (or closed) surveys sent to the caller's committee chain. */
  private targeted(tx: Tx, principal: Principal): SelectQueryBuilder<Survey> {
    const qb = tx
      .getRepository(Survey)
      .createQueryBuilder('s')
      .where(`s.status <> 'draft'`)
      .andWhere('(s.opens_at IS NULL OR s.opens_at <= now())');
    return scopeAudience(qb, principal, 's.committee_id');
  }

  /** The open surveys sent to the caller, newest first (publishedAt, id), from `cursor` on: `limit` + 1 rows at most. */
  listOpenFor(tx: Tx, principal: Principal, cursor: string | undefined, limit: number): Promise<Survey[]> {
    return applyCursor(this.targeted(tx, principal).andWhere(OPEN_NOW), 's', cursor, limit).getMany();
  }

  /**
   * One survey sent to the caller (opened, or closed), or null. `share` takes a FOR SHARE lock on it:
   * an edit of its questions or a close waits for the answers in flight (and they for it).
   */
  findTargeted(tx: Tx, principal: Principal, id: string, share = false): Promise<Survey | null> {
    const qb = this.targeted(tx, principal).andWhere('s.id = :id', { id });
    if (share) qb.setLock('pessimistic_read');
    return qb.getOne();
  }

  /** How many questions (not section headings) each of these surveys has. */
  async answerableCounts(tx: Tx, surveyIds: string[]): Promise<Map<string, number>> {
    if (!surveyIds.length) return new Map();
    const rows: { survey_id: string; n: number }[] = await tx.query(
      `SELECT survey_id, count(*)::int AS n FROM survey_questions WHERE survey_id = ANY($1::uuid[]) AND type <> 'section' GROUP BY survey_id`,
      [surveyIds],
    );
    return new Map(rows.map((r) => [r.survey_id, r.n]));
  }
}
