import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import sanitizeHtml from 'sanitize-html';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, diff } from '../audit/audit.service.js';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { MAX_KEYWORDS, type ConvertUnansweredDto, type CreateFaqDto, type LinkUnansweredDto, type UpdateFaqDto } from './dto/faq.dto.js';
import {
  toFaqResponse,
  toUnansweredResponse,
  type ConvertUnansweredResponse,
  type FaqResponse,
  type UnansweredQuestionResponse,
} from './dto/faq.response.js';
import { Faq } from './faq.entity.js';
import { UNANSWERED_STATUSES, UnansweredQuestion } from './unanswered-question.entity.js';
import { plainText } from './vietnamese-text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const FaqErrors = {
  notFound: () => ApiError.notFound('FAQ entry'),
  questionNotFound: () => ApiError.notFound('Unanswered question'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  linkedNotFound: () => ApiError.validation({ faqId: 'FAQ entry not found' }),
  tooManyPhrasings: () => ApiError.validation({ faqId: `the entry already has ${MAX_KEYWORDS} keywords and phrasings` }),
  alreadyHandled: (status: string) =>
    ApiError.conflict('UNANSWERED_ALREADY_HANDLED', `The question has already been ${status}`),
};

/** Light HTML an answer may hold; everything else is removed (text kept). */
const ANSWER_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'a', 'blockquote'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  disallowedTagsMode: 'discard',
};

/** The answer as stored: sanitised, trimmed. Plain text passes unchanged (its `<`, `&` escaped). */
export function sanitizeAnswer(answer: string): string {
  return sanitizeHtml(answer, ANSWER_HTML).trim();
}

/** Keywords as stored: trimmed, blank and repeated ones (ignoring case and diacritics) dropped. */
export function cleanKeywords(keywords: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of keywords.map((k) => k.trim().replace(/\s+/g, ' '))) {
    const key = plainText(k);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(k);
  }
  return out;
}

const categoryFilter: FilterHandler<Faq> = (qb, value, p) => {
  if (typeof value !== 'string' || value.length > 64) {
    throw ApiError.badRequest('category must be a string of at most 64 characters', { filter: 'category must be a string' }, 'INVALID_LIST_QUERY');
  }
  qb.andWhere(`f.category = :${p}`, { [p]: value });
};

export const FAQ_LIST: ListSpec<Faq> = {
  sortable: { question: 'f.question', category: 'f.category', updatedAt: 'f.updatedAt', createdAt: 'f.createdAt', published: 'f.published', id: 'f.id' },
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

export const UNANSWERED_LIST: ListSpec<UnansweredQuestion> = {
  sortable: { timesAsked: 'u.timesAsked', lastAskedAt: 'u.lastAskedAt', firstAskedAt: 'u.firstAskedAt', text: 'u.text', status: 'u.status', id: 'u.id' },
  defaultSort: ['timesAsked', 'DESC'],
  tieBreaker: 'u.id',
  filters: {
    id: idsFilter('u.id', 'uuid'),
    q: searchFilter('u.text'),
    status: enumFilter('u.status', UNANSWERED_STATUSES),
    committeeId: subtreeFilter('u.committee_id'),
  },
};

/**
 * Editors' side of the FAQ: the entries of their subtree, and the queue of questions members asked
 * that got no confident answer. Changes are audited in their transaction.
 */
@Injectable()
export class FaqService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<FaqResponse>> {
    const qb = this.db.getRepository(Faq).createQueryBuilder('f').leftJoin('f.committee', 'c').addSelect(['c.id', 'c.name']);
    scopeByCommittee(qb, principal, 'f.committee_id');
    const page = await runListQuery(qb, FAQ_LIST, query);
    return { ...page, items: page.items.map(toFaqResponse) };
  }

  async get(principal: Principal, id: string): Promise<FaqResponse> {
    return toFaqResponse(await this.findInScope(this.db.manager, principal, id));
  }

  async create(principal: Principal, dto: CreateFaqDto): Promise<FaqResponse> {
    const values = this.clean(dto);
    return this.db.transaction(async (m) => {
      await this.publisherInScope(m, principal, dto.committeeId);
      const saved = await this.insert(m, principal, {
        committeeId: dto.committeeId,
        question: values.question!,
        answer: values.answer!,
        category: values.category!,
        keywords: values.keywords ?? [],
        published: dto.published ?? false,
      });
      return toFaqResponse(saved);
    });
  }

  async update(principal: Principal, id: string, dto: UpdateFaqDto): Promise<FaqResponse> {
    const values = this.clean(dto);
    return this.db.transaction(async (m) => {
      const faq = await this.findInScope(m, principal, id, true);
      if (dto.committeeId !== undefined && dto.committeeId !== faq.committeeId) await this.publisherInScope(m, principal, dto.committeeId);
      const changes: Partial<Faq> = { ...values };
      if (dto.committeeId !== undefined) changes.committeeId = dto.committeeId;
      if (dto.published !== undefined) changes.published = dto.published;
      const changed = diff(faq, changes);
      if (Object.keys(changed).length) {
        await m.update(Faq, { id }, changes);
        await this.audit.record(m, principal, {
          action: 'faq.update',
          entityType: 'faq',
          entityId: id,
          committeeId: changes.committeeId ?? faq.committeeId,
          // the fields, not the texts: the entry itself shows them
          details: { fields: Object.keys(changed), published: changes.published ?? faq.published },
        });
      }
      return toFaqResponse(await this.findInScope(m, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<FaqResponse> {
    return this.db.transaction(async (m) => {
      const faq = await this.findInScope(m, principal, id, true);
      await m.delete(Faq, { id });
      await this.audit.record(m, principal, {
        action: 'faq.delete',
        entityType: 'faq',
        entityId: id,
        committeeId: faq.committeeId,
        details: { question: faq.question },
      });
      return toFaqResponse(faq);
    });
  }

  // ---- the queue of unanswered questions ----

  async listUnanswered(principal: Principal, query: AdminListQuery): Promise<ListPage<UnansweredQuestionResponse>> {
    const qb = this.db.getRepository(UnansweredQuestion).createQueryBuilder('u').leftJoin('u.committee', 'c').addSelect(['c.id', 'c.name']);
    scopeByCommittee(qb, principal, 'u.committee_id');
    const page = await runListQuery(qb, UNANSWERED_LIST, query);
    return { ...page, items: page.items.map(toUnansweredResponse) };
  }

  /**
   * Turns a question into a new entry in one transaction: the entry (its question defaults to the
   * asked wording, which is kept as a keyword either way) and the question marked converted.
   */
  async convert(principal: Principal, id: string, dto: ConvertUnansweredDto): Promise<ConvertUnansweredResponse> {
    const values = this.clean(dto);
    return this.db.transaction(async (m) => {
      const asked = await this.findQuestionInScope(m, principal, id, true);
      if (asked.status !== 'open') throw FaqErrors.alreadyHandled(asked.status);
      await this.publisherInScope(m, principal, dto.committeeId);
      const question = values.question ?? asked.text.trim();
      // the member's wording is an alternative phrasing worth keeping
      const keywords = values.keywords ?? [];
      if (plainText(asked.text) !== plainText(question)) keywords.push(asked.text);
      const faq = await this.insert(m, principal, {
        committeeId: dto.committeeId,
        question,
        answer: values.answer!,
        category: values.category!,
        keywords: cleanKeywords(keywords),
        published: dto.published ?? false,
      });
      await m.update(UnansweredQuestion, { id }, { status: 'converted', faqId: faq.id });
      await this.audit.record(m, principal, {
        action: 'faq.unanswered.convert',
        entityType: 'faq',
        entityId: faq.id,
        committeeId: faq.committeeId,
        details: { unansweredId: id, timesAsked: asked.timesAsked },
      });
      return { faq: toFaqResponse(faq), question: toUnansweredResponse(await this.findQuestionInScope(m, principal, id)) };
    });
  }

  /**
   * Answers a question with an existing entry: the asked wording becomes one of the entry's
   * phrasings (its keywords), so the next member asking it gets the entry, and the question is
   * marked converted to that entry, in one transaction.
   */
  async link(principal: Principal, id: string, dto: LinkUnansweredDto): Promise<ConvertUnansweredResponse> {
    return this.db.transaction(async (m) => {
      const asked = await this.findQuestionInScope(m, principal, id, true);
      if (asked.status !== 'open') throw FaqErrors.alreadyHandled(asked.status);
      let faq: Faq;
      try {
        faq = await this.findInScope(m, principal, dto.faqId, true);
      } catch (e) {
        if (e instanceof HttpException && e.getStatus() === 404) throw FaqErrors.linkedNotFound();
        throw e;
      }
      const keywords = plainText(asked.text) === plainText(faq.question) ? faq.keywords : cleanKeywords([...faq.keywords, asked.text]);
      if (keywords.length > MAX_KEYWORDS) throw FaqErrors.tooManyPhrasings();
      if (keywords.length !== faq.keywords.length) await m.update(Faq, { id: faq.id }, { keywords });
      await m.update(UnansweredQuestion, { id }, { status: 'converted', faqId: faq.id });
      await this.audit.record(m, principal, {
        action: 'faq.unanswered.link',
        entityType: 'faq',
        entityId: faq.id,
        committeeId: faq.committeeId,
        details: { unansweredId: id, timesAsked: asked.timesAsked },
      });
      return { faq: toFaqResponse(await this.findInScope(m, principal, faq.id)), question: toUnansweredResponse(await this.findQuestionInScope(m, principal, id)) };
    });
  }

  async dismiss(principal: Principal, id: string): Promise<UnansweredQuestionResponse> {
    return this.db.transaction(async (m) => {
      const asked = await this.findQuestionInScope(m, principal, id, true);
      if (asked.status !== 'open') throw FaqErrors.alreadyHandled(asked.status);
      await m.update(UnansweredQuestion, { id }, { status: 'dismissed' });
      await this.audit.record(m, principal, {
        action: 'faq.unanswered.dismiss',
        entityType: 'faq',
        entityId: null,
        committeeId: asked.committeeId,
        details: { unansweredId: id, timesAsked: asked.timesAsked },
      });
      return toUnansweredResponse(await this.findQuestionInScope(m, principal, id));
    });
  }

  // ---- helpers ----

  private clean(dto: Partial<CreateFaqDto>): Partial<Pick<Faq, 'question' | 'answer' | 'category' | 'keywords'>> {
    const out: Partial<Pick<Faq, 'question' | 'answer' | 'category' | 'keywords'>> = {};
    const errors: Record<string, string> = {};
    if (dto.question !== undefined) {
      out.question = dto.question.trim().replace(/\s+/g, ' ');
      if (out.question.length < 3) errors.question = 'question must be at least 3 characters';
    }
    if (dto.answer !== undefined) {
      out.answer = sanitizeAnswer(dto.answer);
      if (!sanitizeHtml(out.answer, { allowedTags: [], allowedAttributes: {} }).trim()) errors.answer = 'answer should not be empty';
    }
    if (dto.category !== undefined) {
      out.category = dto.category.trim();
      if (!out.category) errors.category = 'category should not be empty';
    }
    if (dto.keywords !== undefined) out.keywords = cleanKeywords(dto.keywords);
    if (Object.keys(errors).length) throw ApiError.validation(errors);
    return out;
  }

  private async insert(m: EntityManager, principal: Principal, values: Partial<Faq>): Promise<Faq> {
    const saved = await m.save(m.create(Faq, { ...values, createdBy: principal.id }));
    await this.audit.record(m, principal, {
      action: 'faq.create',
      entityType: 'faq',
      entityId: saved.id,
      committeeId: saved.committeeId,
      details: { question: saved.question, published: saved.published },
    });
    return this.findInScope(m, principal, saved.id);
  }

  /** Publishing into a committee outside the caller's subtree is a validation error on committeeId. */
  private async publisherInScope(m: EntityManager, principal: Principal, committeeId: number): Promise<Committee> {
    try {
      return await this.committees.findInScope(m, principal, committeeId);
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() === 404) throw FaqErrors.committeeNotFound();
      throw e;
    }
  }

  /** The entry if it exists and its publisher lies in the caller's subtree; otherwise a 404, the same for both. */
  private async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<Faq> {
    if (!UUID.test(id)) throw FaqErrors.notFound();
    const qb = scopeByCommittee(m.getRepository(Faq).createQueryBuilder('f'), principal, 'f.committee_id').andWhere('f.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const faq = await qb.getOne();
    if (!faq) throw FaqErrors.notFound();
    faq.committee = (await m.findOneBy(Committee, { id: faq.committeeId })) ?? undefined;
    return faq;
  }

  private async findQuestionInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<UnansweredQuestion> {
    if (!UUID.test(id)) throw FaqErrors.questionNotFound();
    const qb = scopeByCommittee(m.getRepository(UnansweredQuestion).createQueryBuilder('u'), principal, 'u.committee_id').andWhere('u.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const asked = await qb.getOne();
    if (!asked) throw FaqErrors.questionNotFound();
    asked.committee = asked.committeeId ? await m.findOneBy(Committee, { id: asked.committeeId }) : null;
    return asked;
  }
}
