import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  boolFilter,
  idsFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  withContentSource,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404 } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import type { FaqEntryText } from './faq-ranker.js';
import { Faq } from './faq.entity.js';
import { FaqErrors } from './faq.errors.js';

const categoryFilter: FilterHandler = (qb, value, p) => {
  if (typeof value !== 'string' || value.length > 64) invalidListQuery('filter', 'category must be a string of at most 64 characters');
  qb.andWhere(`f.category = :${p}`, { [p]: value });
};

export const FAQ_LIST: ListSpec = {
  sortable: {
    question: 'f.question',
    category: 'f.category',
    updatedAt: 'f.updatedAt',
    createdAt: 'f.createdAt',
    published: 'f.published',
    id: 'f.id',
  },
  defaultSort: ['updatedAt', 'DESC'],
  tieBreaker: 'f.id',
  filters: {
    id: idsFilter('f.id', 'uuid'),
    // search_text is the unaccented question and keywords
    q: searchFilter('f.search_text', 'f.answer'),
    category: categoryFilter,
    published: boolFilter((v) => (v ? 'f.published' : 'NOT f.published')),
    committeeId: subtreeFilter('f.committee_id'),
  },
};

/** The columns a new entry is written with (the rest are defaults or trigger-kept). */
export type NewFaq = Pick<Faq, 'committeeId' | 'question' | 'answer' | 'category' | 'keywords' | 'published' | 'createdBy'>;

/** The channel the FAQ revision is NOTIFYed on at every committed change of `faqs` (migration 1796527555737-faq-changed-notify). */
export const FAQ_CHANGED_CHANNEL = 'faq_changed';

/**
 * The `faqs` table and its revision. Triggers of the migrations keep two things in step with every
 * change of `faqs`: `search_text`/`search_vector` (migration 1795671477746-faq-module) and the
 * one-row `faq_revision` (migration 1795674000000-faq-revision, trigger faqs_revision_bump), whose
 * new value the same trigger NOTIFYs on FAQ_CHANGED_CHANNEL (migration 1796527555737-faq-changed-notify).
 */
@Injectable()
export class FaqRepository {
  constructor(@InjectRepository(Faq) private readonly faqs: Repository<Faq>) {}

  list(principal: Principal, query: AdminListQuery): Promise<ListPage<Faq>> {
    const qb = this.faqs.createQueryBuilder('f').leftJoin('f.committee', 'c').addSelect(['c.id', 'c.name']);
    // own (the default) or source=above: what the committees above the caller's published (read only)
    return runListQuery(qb, withContentSource(FAQ_LIST, principal, 'f.committee_id', 'f.published'), query);
  }

  /** The entry (without its committee) if its publisher lies in the caller's subtree; otherwise `notFound`. */
  findInScope(tx: Tx, principal: Principal, id: string, options: { lock?: boolean; notFound?: () => Error } = {}): Promise<Faq> {
    return findInScopeOr404(tx, Faq, principal, id, {
      alias: 'f',
      scope: { committeeIdColumn: 'f.committee_id' },
      notFound: options.notFound ?? FaqErrors.notFound,
      lock: options.lock,
    });
  }

  insert(tx: Tx, values: NewFaq): Promise<Faq> {
    return tx.save(tx.create(Faq, values));
  }

  async update(tx: Tx, id: string, changes: Partial<Faq>): Promise<void> {
    await tx.update(Faq, { id }, changes);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Faq, { id });
  }

  // ---- automatic answers (FaqAnswerService) ----

  /**
   * The FAQ revision: the one row of `faq_revision`, bumped in the same transaction by every
   * statement that changes `faqs` (trigger faqs_revision_bump → faq_revision_bump(), migration
   * 1795674000000-faq-revision). A different number than the cached one means an entry changed.
   * Read only when the notifications cannot tell it (FaqAnswerService.revision).
   */
  async revision(): Promise<string> {
    const [{ revision }]: { revision: string }[] = await this.faqs.query(`SELECT revision::text AS revision FROM faq_revision`);
    return revision;
  }

  /** The published entries of these publishing committees (null: every committee). */
  publishedEntries(committeeIds: number[] | null): Promise<FaqEntryText[]> {
    return this.faqs.query(
      `SELECT f.id, f.question, f.answer, f.keywords FROM faqs f
       WHERE f.published AND ($1::int[] IS NULL OR f.committee_id = ANY($1::int[]))`,
      [committeeIds],
    );
  }
}
