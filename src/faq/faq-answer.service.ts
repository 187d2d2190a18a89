import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import { audienceOf } from '../common/scope.js';
import type { FaqAnswerResponse } from './dto/faq.response.js';
import { answerFrom, buildIndex, newAnalysisCache, type FaqIndex } from './faq-ranker.js';
import { FaqErrors } from './faq.errors.js';
import { FaqRepository } from './faq.repository.js';
import { UnansweredQuestionRepository } from './unanswered-question.repository.js';
import { analyseQuery } from './vietnamese-text.js';

export { ANSWER_THRESHOLD, SUGGESTION_FLOOR } from './faq-ranker.js';

/**
 * Audiences (committee chains) whose indexes are kept; the least recently used go first. The analysed
 * entries are shared between audiences; an audience's own index (statistics, postings) is ~3.5 MB at
 * 5,000 entries (~0.1 MB at the demo's 74), the analysed entries ~37 kB each (bench/faq-ranking.ts).
 */
const MAX_CACHED_AUDIENCES = 100;
/** Entries kept analysed across rebuilds (an edit re-analyses that entry only); past this, start over. */
const MAX_ANALYSED_ENTRIES = 50_000;

interface CachedIndex {
  revision: string;
  index: FaqIndex;
}

/**
 * Automatic answers: a member's question against the published entries of their committee chain,
 * scored in memory by faq-ranker.ts. The analysed entries are kept per audience and rebuilt when the
 * FAQ revision changes (FaqRepository.revision; migration FaqRevision: bumped by every statement that
 * changes `faqs`, in its transaction), so an edit in any process is seen by every process at its next
 * question. A question costs one read of that one-row revision; one without a confident answer joins
 * the editors' queue (UnansweredQuestionRepository.recordAsked).
 */
@Injectable()
export class FaqAnswerService {
  private readonly cache = new Map<string, CachedIndex>();
  private readonly building = new Map<string, Promise<CachedIndex>>();
  private analysed = newAnalysisCache();

  constructor(
    private readonly faqs: FaqRepository,
    private readonly questions: UnansweredQuestionRepository,
  ) {}

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

  /** The analysed published entries of an audience, as of the current revision. */
  private async index(audience: number[] | null): Promise<FaqIndex> {
    const key = audience === null ? '*' : [...audience].sort((a, b) => a - b).join(',');
    const revision = await this.faqs.revision();
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
      if (this.analysed.entries.size > MAX_ANALYSED_ENTRIES) this.analysed = newAnalysisCache();
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
