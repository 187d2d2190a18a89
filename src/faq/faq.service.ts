import { Injectable } from '@nestjs/common';
import sanitizeHtml from 'sanitize-html';
import { AuditService, diff } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { MAX_KEYWORDS, type ConvertUnansweredDto, type CreateFaqDto, type LinkUnansweredDto, type UpdateFaqDto } from './dto/faq.dto.js';
import {
  toFaqResponse,
  toUnansweredResponse,
  type ConvertUnansweredResponse,
  type FaqResponse,
  type UnansweredQuestionResponse,
} from './dto/faq.response.js';
import type { Faq } from './faq.entity.js';
import { FaqAnswerService } from './faq-answer.service.js';
import { FaqErrors } from './faq.errors.js';
import { FaqRepository, type NewFaq } from './faq.repository.js';
import { assertOpen } from './faq.rules.js';
import type { UnansweredQuestion } from './unanswered-question.entity.js';
import { UnansweredQuestionRepository } from './unanswered-question.repository.js';
import { plainText } from './vietnamese-text.js';

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

/**
 * Editors' side of the FAQ: the entries of their subtree, and the queue of questions members asked
 * that got no confident answer. Changes are audited in their transaction.
 */
@Injectable()
export class FaqService {
  constructor(
    private readonly tx: Transactions,
    private readonly faqs: FaqRepository,
    private readonly questions: UnansweredQuestionRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly answers: FaqAnswerService,
  ) {}

  /** Runs a transaction that writes entries; once committed, this process's answers read the new revision at once. */
  private async writing<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const out = await this.tx.run(work);
    this.answers.changedHere();
    return out;
  }

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<FaqResponse>> {
    const page = await this.faqs.list(principal, query);
    return { ...page, items: page.items.map(toFaqResponse) };
  }

  async get(principal: Principal, id: string): Promise<FaqResponse> {
    return toFaqResponse(await this.findInScope(this.tx.none, principal, id));
  }

  async create(principal: Principal, dto: CreateFaqDto): Promise<FaqResponse> {
    const values = this.clean(dto);
    return this.writing(async (tx) => {
      await this.publisherInScope(tx, principal, dto.committeeId);
      const saved = await this.insert(tx, principal, {
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
    return this.writing(async (tx) => {
      const faq = await this.findInScope(tx, principal, id, true);
      if (dto.committeeId !== undefined && dto.committeeId !== faq.committeeId) await this.publisherInScope(tx, principal, dto.committeeId);
      const changes: Partial<Faq> = { ...values };
      if (dto.committeeId !== undefined) changes.committeeId = dto.committeeId;
      if (dto.published !== undefined) changes.published = dto.published;
      const changed = diff(faq, changes);
      if (Object.keys(changed).length) {
        await this.faqs.update(tx, id, changes);
        await this.audit.record(tx, principal, {
          action: 'faq.update',
          entityType: 'faq',
          entityId: id,
          committeeId: changes.committeeId ?? faq.committeeId,
          // the fields, not the texts: the entry itself shows them
          details: { fields: Object.keys(changed), published: changes.published ?? faq.published },
        });
      }
      return toFaqResponse(await this.findInScope(tx, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<FaqResponse> {
    return this.writing(async (tx) => {
      const faq = await this.findInScope(tx, principal, id, true);
      await this.faqs.delete(tx, id);
      await this.audit.record(tx, principal, {
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
    const page = await this.questions.list(principal, query);
    return { ...page, items: page.items.map(toUnansweredResponse) };
  }

  /**
   * Turns a question into a new entry in one transaction: the entry (its question defaults to the
   * asked wording, which is kept as a keyword either way) and the question marked converted.
   */
  async convert(principal: Principal, id: string, dto: ConvertUnansweredDto): Promise<ConvertUnansweredResponse> {
    const values = this.clean(dto);
    return this.writing(async (tx) => {
      const asked = await this.findQuestionInScope(tx, principal, id, true);
      assertOpen(asked);
      await this.publisherInScope(tx, principal, dto.committeeId);
      const question = values.question ?? asked.text.trim();
      // the member's wording is an alternative phrasing worth keeping
      const keywords = values.keywords ?? [];
      if (plainText(asked.text) !== plainText(question)) keywords.push(asked.text);
      const faq = await this.insert(tx, principal, {
        committeeId: dto.committeeId,
        question,
        answer: values.answer!,
        category: values.category!,
        keywords: cleanKeywords(keywords),
        published: dto.published ?? false,
      });
      await this.questions.markConverted(tx, id, faq.id);
      await this.audit.record(tx, principal, {
        action: 'faq.unanswered.convert',
        entityType: 'faq',
        entityId: faq.id,
        committeeId: faq.committeeId,
        details: { unansweredId: id, timesAsked: asked.timesAsked },
      });
      return { faq: toFaqResponse(faq), question: toUnansweredResponse(await this.findQuestionInScope(tx, principal, id)) };
    });
  }

  /**
   * Answers a question with an existing entry: the asked wording becomes one of the entry's
   * phrasings (its keywords), so the next member asking it gets the entry, and the question is
   * marked converted to that entry, in one transaction.
   */
  async link(principal: Principal, id: string, dto: LinkUnansweredDto): Promise<ConvertUnansweredResponse> {
    return this.writing(async (tx) => {
      const asked = await this.findQuestionInScope(tx, principal, id, true);
      assertOpen(asked);
      const faq = await this.findInScope(tx, principal, dto.faqId, true, FaqErrors.linkedNotFound);
      const keywords = plainText(asked.text) === plainText(faq.question) ? faq.keywords : cleanKeywords([...faq.keywords, asked.text]);
      if (keywords.length > MAX_KEYWORDS) throw FaqErrors.tooManyPhrasings();
      if (keywords.length !== faq.keywords.length) await this.faqs.update(tx, faq.id, { keywords });
      await this.questions.markConverted(tx, id, faq.id);
      await this.audit.record(tx, principal, {
        action: 'faq.unanswered.link',
        entityType: 'faq',
        entityId: faq.id,
        committeeId: faq.committeeId,
        details: { unansweredId: id, timesAsked: asked.timesAsked },
      });
      return {
        faq: toFaqResponse(await this.findInScope(tx, principal, faq.id)),
        question: toUnansweredResponse(await this.findQuestionInScope(tx, principal, id)),
      };
    });
  }

  async dismiss(principal: Principal, id: string): Promise<UnansweredQuestionResponse> {
    return this.tx.run(async (tx) => {
      const asked = await this.findQuestionInScope(tx, principal, id, true);
      assertOpen(asked);
      await this.questions.markDismissed(tx, id);
      await this.audit.record(tx, principal, {
        action: 'faq.unanswered.dismiss',
        entityType: 'faq',
        entityId: null,
        committeeId: asked.committeeId,
        details: { unansweredId: id, timesAsked: asked.timesAsked },
      });
      return toUnansweredResponse(await this.findQuestionInScope(tx, principal, id));
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

  private async insert(tx: Tx, principal: Principal, values: Omit<NewFaq, 'createdBy'>): Promise<Faq> {
    const saved = await this.faqs.insert(tx, { ...values, createdBy: principal.id });
    await this.audit.record(tx, principal, {
      action: 'faq.create',
      entityType: 'faq',
      entityId: saved.id,
      committeeId: saved.committeeId,
      details: { question: saved.question, published: saved.published },
    });
    return this.findInScope(tx, principal, saved.id);
  }

  /** Publishing into a committee outside the caller's subtree is a validation error on committeeId. */
  private publisherInScope(tx: Tx, principal: Principal, committeeId: number): Promise<Committee> {
    return this.committees.findReferenced(tx, principal, committeeId, FaqErrors.committeeNotFound);
  }

  /** The entry with its committee if its publisher lies in the caller's subtree; otherwise `notFound`, the same for both. */
  private async findInScope(tx: Tx, principal: Principal, id: string, lock = false, notFound = FaqErrors.notFound): Promise<Faq> {
    const faq = await this.faqs.findInScope(tx, principal, id, { lock, notFound });
    faq.committee = (await this.committees.findById(tx, faq.committeeId)) ?? undefined;
    return faq;
  }

  private async findQuestionInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<UnansweredQuestion> {
    const asked = await this.questions.findInScope(tx, principal, id, lock);
    asked.committee = asked.committeeId ? await this.committees.findById(tx, asked.committeeId) : null;
    return asked;
  }
}
