import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404, scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { FaqErrors } from './faq.errors.js';
import { UNANSWERED_STATUSES, UnansweredQuestion } from './unanswered-question.entity.js';

export const UNANSWERED_LIST: ListSpec = {
  sortable: {
    timesAsked: 'u.timesAsked',
    lastAskedAt: 'u.lastAskedAt',
    firstAskedAt: 'u.firstAskedAt',
    text: 'u.text',
    status: 'u.status',
    id: 'u.id',
  },
  defaultSort: ['timesAsked', 'DESC'],
  tieBreaker: 'u.id',
  filters: {
    id: idsFilter('u.id', 'uuid'),
    q: searchFilter('u.text'),
    status: enumFilter('u.status', UNANSWERED_STATUSES),
    committeeId: subtreeFilter('u.committee_id'),
  },
};

/** The `unanswered_questions` table: the editors' queue of questions without a confident answer. */
@Injectable()
export class UnansweredQuestionRepository {
  constructor(@InjectRepository(UnansweredQuestion) private readonly questions: Repository<UnansweredQuestion>) {}

  list(principal: Principal, query: AdminListQuery): Promise<ListPage<UnansweredQuestion>> {
    const qb = this.questions.createQueryBuilder('u').leftJoin('u.committee', 'c').addSelect(['c.id', 'c.name']);
    scopeByCommittee(qb, principal, 'u.committee_id');
    return runListQuery(qb, UNANSWERED_LIST, query);
  }

  /** The question (without its committee) if the latest asker's committee lies in the caller's subtree; otherwise a 404. */
  findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<UnansweredQuestion> {
    return findInScopeOr404(tx, UnansweredQuestion, principal, id, {
      alias: 'u',
      scope: { committeeIdColumn: 'u.committee_id' },
      notFound: FaqErrors.questionNotFound,
      lock,
    });
  }

  async markConverted(tx: Tx, id: string, faqId: string): Promise<void> {
    await tx.update(UnansweredQuestion, { id }, { status: 'converted', faqId });
  }

  async markDismissed(tx: Tx, id: string): Promise<void> {
    await tx.update(UnansweredQuestion, { id }, { status: 'dismissed' });
  }

  /** One row per normalised question: the first wording, how often, when, and the latest asker's committee. */
  async recordAsked(text: string, normalized: string, committeeId: number | null): Promise<void> {
    await this.questions.query(
      `INSERT INTO unanswered_questions (text, normalized, committee_id) VALUES ($1, $2, $3)
       ON CONFLICT (normalized) DO UPDATE SET
         times_asked = unanswered_questions.times_asked + 1,
         last_asked_at = now(),
         committee_id = EXCLUDED.committee_id,
         -- an entry made from it (or linked to it) still does not answer this asker (unpublished, or targeted elsewhere)
         status = CASE WHEN unanswered_questions.status = 'converted' THEN 'open' ELSE unanswered_questions.status END`,
      [text.slice(0, 300), normalized.slice(0, 500), committeeId],
    );
  }
}
