import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import { audienceOf } from '../common/scope.js';
import { DatabaseNotifications } from '../database/notifications.js';
import type { FaqAnswerResponse } from './dto/faq.response.js';
import { answerFrom, buildIndex, newAnalysisCache, type FaqIndex } from './faq-ranker.js';
import { FaqErrors } from './faq.errors.js';
import { FAQ_CHANGED_CHANNEL, FaqRepository } from './faq.repository.js';
import { UnansweredQuestionRepository } from './unanswered-question.repository.js';
import { analyseQuery } from './vietnamese-text.js';

export { ANSWER_THRESHOLD, SUGGESTION_FLOOR } from './faq-ranker.js';

/**
 * Audiences (committee chains) whose indexes are kept; the least recently used go first. The analysed
 * entries are shared between audiences (measured at 5,000 entries: ~52 MB with their lexicon, ~10.6 kB
 * an entry); an audience's own index (its postings) is ~0.2 MB beside them.
 */
const MAX_CACHED_AUDIENCES = 100;
/** Entries kept analysed across rebuilds (an edit re-analyses that entry only); past this, start over. */
const MAX_ANALYSED_ENTRIES = 50_000;
/**
 * Strings interned by the analysed entries (words, pairs, trigrams: ~19,000 at 5,000 entries); edits
 * only add to them, so past this (25 times a national knowledge base's), start over as well.
 */
const MAX_LEXICON_STRINGS = 500_000;

interface CachedIndex {
  revision: string;
  index: FaqIndex;
}

/** The later of two revisions (bigint counters, as text). */
const later = (a: string | null, b: string) => (a !== null && BigInt(a) > BigInt(b) ? a : b);

/**
 * Automatic answers: a member's question against the published entries of their committee chain,
 * scored in memory by faq-ranker.ts. The analysed entries are kept per audience, under the FAQ
 * revision they were built at (the one-row `faq_revision`, bumped by every statement that changes
 * `faqs`, in its transaction; migration 1795674000000-faq-revision).
 *
 * Which revision is current: on a PostgreSQL server every process LISTENs to `faq_changed`
 * (src/database/notifications.ts; the same trigger NOTIFYs the new revision at commit, migration
 * 1796527555737-faq-changed-notify), so a question reads nothing: only the token check runs SQL.
 * The revision is read from the table instead while that is not known for sure: before LISTEN is
 * in force, while its connection is down and just after it is back (a change may have been missed),
 * after this process wrote an entry (the notification may still be on its way: read-your-writes),
 * and always on the embedded database, whose connections share one session and never hear another's
 * NOTIFY. A question without a confident answer joins the editors' queue (UnansweredQuestionRepository.recordAsked).
 */
@Injectable()
export class FaqAnswerService implements OnModuleInit {
  private readonly cache = new Map<string, CachedIndex>();
  private readonly building = new Map<string, Promise<CachedIndex>>();
  private analysed = newAnalysisCache();
  /** The current revision as the notifications tell it; null: read it from the table. */
  private heard: string | null = null;
  /** LISTEN is in force. */
  private listening = false;
  /** Counts `listening`, `lost` and own writes: a revision read across one of them may be stale. */
  private epoch = 0;

  constructor(
    private readonly faqs: FaqRepository,
    private readonly questions: UnansweredQuestionRepository,
    private readonly notifications: DatabaseNotifications,
  ) {}

  onModuleInit(): void {
    this.notifications.subscribe(FAQ_CHANGED_CHANNEL, {
      notified: (revision) => {
        if (this.listening && /^\d+$/.test(revision)) this.heard = later(this.heard, revision);
      },
      listening: () => {
        this.listening = true;
        this.forget();
      },
      lost: () => {
        this.listening = false;
        this.forget();
      },
    });
  }

  /** An entry was written by this process (committed): read the revision at the next question. */
  changedHere(): void {
    this.forget();
  }

  async answer(principal: Principal, q: string): Promise<FaqAnswerResponse> {
    const text = q.trim();
    const query = analyseQuery(text);
    if (!query.tokens.length) throw FaqErrors.emptyQuestion();
    const audience = audienceOf(principal);
    const index = audience?.length === 0 ? buildIndex([]) : await this.index(audience);
    const result = answerFrom(index, query);
    // only members' questions queue up: an editor trying a question out must not fill the queue
    if (!result.answered && principal.role === 'member') await this.questions.recordAsked(text, query.plain, principal.committeeId);
    return result;
  }

  private forget(): void {
    this.heard = null;
    this.epoch++;
  }

  /** The current FAQ revision: as heard while listening, otherwise read from the table. */
  private async revision(): Promise<string> {
    if (this.heard !== null) return this.heard;
    const epoch = this.epoch;
    const read = await this.faqs.revision();
    // read while LISTEN was in force and nothing intervened: every later change will be heard
    if (this.listening && epoch === this.epoch) this.heard = later(this.heard, read);
    return read;
  }

  /** The analysed published entries of an audience, as of the current revision. */
  private async index(audience: number[] | null): Promise<FaqIndex> {
    const key = audience === null ? '*' : [...audience].sort((a, b) => a - b).join(',');
    const revision = await this.revision();
    const cached = this.cache.get(key);
    if (cached?.revision === revision) {
      // most recently used last
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.index;
    }
    // one build per audience and revision, however many questions arrive meanwhile
    const buildKey = `${key}@${revision}`;
    let pending = this.building.get(buildKey);
    if (!pending) {
      if (this.analysed.entries.size > MAX_ANALYSED_ENTRIES || this.analysed.lexicon.size > MAX_LEXICON_STRINGS)
        this.analysed = newAnalysisCache();
      pending = this.faqs.publishedEntries(audience).then((entries) => ({ revision, index: buildIndex(entries, this.analysed) }));
      this.building.set(buildKey, pending);
      pending.finally(() => this.building.delete(buildKey)).catch(() => undefined);
    }
    const built = await pending;
    this.cache.delete(key);
    this.cache.set(key, built);
    while (this.cache.size > MAX_CACHED_AUDIENCES) this.cache.delete(this.cache.keys().next().value!);
    return built.index;
  }
}
