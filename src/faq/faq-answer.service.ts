import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { audienceCommitteeIds } from '../common/scope.js';
import type { FaqAnswerResponse } from './dto/faq.response.js';
import { answerFrom, buildIndex, type AnalysedEntry, type FaqEntryText, type FaqIndex } from './faq-ranker.js';
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
 * FAQ revision changes (migration FaqRevision: bumped by every statement that changes `faqs`, in its
 * transaction), so an edit in any process is seen by every process at its next question. A question
 * costs one read of that one-row revision; one without a confident answer joins the editors' queue.
 */
@Injectable()
export class FaqAnswerService {
  private readonly cache = new Map<string, CachedIndex>();
  private readonly building = new Map<string, Promise<CachedIndex>>();
  private analysed = new Map<string, AnalysedEntry>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async answer(principal: Principal, q: string): Promise<FaqAnswerResponse> {
    const text = q.trim();
    const query = analyseQuery(text);
    if (!query.tokens.length) throw ApiError.validation({ q: 'q must contain letters or digits' });
    const audience = audienceOf(principal);
    const index = audience?.length === 0 ? buildIndex([]) : await this.index(audience);
    const result = answerFrom(index, query);
    // only members' questions queue up: an editor trying a question out must not fill the queue
    if (!result.answered && principal.role === 'member') await this.recordUnanswered(principal, text, query.plain);
    return result;
  }

  /** The analysed published entries of an audience, as of the current revision. */
  private async index(audience: number[] | null): Promise<FaqIndex> {
    const key = audience === null ? '*' : [...audience].sort((a, b) => a - b).join(',');
    const [{ revision }]: { revision: string }[] = await this.db.query(`SELECT revision::text AS revision FROM faq_revision`);
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
      if (this.analysed.size > MAX_ANALYSED_ENTRIES) this.analysed = new Map();
      pending = this.load(audience).then((entries) => ({ revision, index: buildIndex(entries, this.analysed) }));
      this.building.set(buildKey, pending);
      pending.finally(() => this.building.delete(buildKey)).catch(() => undefined);
    }
    const built = await pending;
    this.cache.delete(key);
    this.cache.set(key, built);
    while (this.cache.size > MAX_CACHED_AUDIENCES) this.cache.delete(this.cache.keys().next().value!);
    return built.index;
  }

  private load(audience: number[] | null): Promise<FaqEntryText[]> {
    return this.db.query(
      `SELECT f.id, f.question, f.answer, f.keywords FROM faqs f
       WHERE f.published AND ($1::int[] IS NULL OR f.committee_id = ANY($1::int[]))`,
      [audience],
    );
  }

  /** One row per normalised question: the first wording, how often, when, and the latest asker's committee. */
  private async recordUnanswered(principal: Principal, text: string, normalized: string): Promise<void> {
    await this.db.query(
      `INSERT INTO unanswered_questions (text, normalized, committee_id) VALUES ($1, $2, $3)
       ON CONFLICT (normalized) DO UPDATE SET
         times_asked = unanswered_questions.times_asked + 1,
         last_asked_at = now(),
         committee_id = EXCLUDED.committee_id,
         -- an entry made from it (or linked to it) still does not answer this asker (unpublished, or targeted elsewhere)
         status = CASE WHEN unanswered_questions.status = 'converted' THEN 'open' ELSE unanswered_questions.status END`,
      [text.slice(0, 300), normalized.slice(0, 500), principal.committeeId],
    );
  }
}

/** The committees whose entries the caller reads: their chain (null: a tree-wide admin reads all). */
function audienceOf(principal: Principal): number[] | null {
  if (principal.committeePath === null) return principal.role === 'admin' ? null : [];
  return audienceCommitteeIds(principal);
}
