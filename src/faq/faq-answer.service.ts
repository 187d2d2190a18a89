import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { audienceCommitteeIds } from '../common/scope.js';
import type { FaqAnswerResponse } from './dto/faq.response.js';
import {
  analyseField,
  analyseQuery,
  editDistance,
  isSyllable,
  type AnalysedQuery,
  type FieldTokens,
  type QueryToken,
  wordPairs,
} from './vietnamese-text.js';

/**
 * The confidence a best match needs for `answered: true`. Calibrated on the labelled evaluation set
 * (test/faq, split "calibration", 131 questions of which 27 off-topic): top-1 there (an on-topic
 * question counts when answered with the right entry, an off-topic one when not answered) is at its
 * best, 92.4–93.1%, for thresholds from 0.40 to 0.44; this is the middle. The held-out split is only
 * measured, never tuned on.
 */
export const ANSWER_THRESHOLD = 0.42;
/** Matches below this are not worth suggesting. */
export const SUGGESTION_FLOOR = 0.25;
export const MAX_MATCHES = 5;
/** Entries scored per question (the retrieval in SQL narrows the published entries to these). */
const MAX_CANDIDATES = 50;
/** pg_trgm `<%` threshold of the retrieval (word similarity of the whole question in an entry). */
const RETRIEVAL_WORD_SIMILARITY = 0.45;

/** The weights of the score (they sum to 1). */
const W_COVERAGE = 0.3;
const W_BIGRAMS = 0.2;
const W_FIELD = 0.2;
const W_PHRASE = 0.1;
const W_TRIGRAM = 0.2;
/** A filler word's weight, against an IDF of 1 (in every entry) to ~1 + ln(N) (in none). */
const FILLER_WEIGHT = 0.2;
/**
 * Entry-side evidence, for long questions with context around the point ("em mới được kết nạp
 * tháng trước thì bao giờ được phát thẻ đảng"): how much of one of the entry's phrasings the
 * question contains. Damped, so that for short questions the question-side score decides.
 */
const ENTRY_SIDE_DAMPING = 0.85;
const W_ENTRY_WORDS = 0.35;
const W_ENTRY_BIGRAMS = 0.35;
const W_ENTRY_TRIGRAM = 0.3;
/** How much the entry-side evidence depends on the share of the question the phrasing explains. */
const EXPLAINED_SHARE = 0.5;
/**
 * A word no entry holds cannot tell entries apart; it only says the question reaches beyond the
 * knowledge base. It weighs this share of the IDF it would have (1 + ln(N + 1)), so that context
 * around the point of a long question does not drown it, while off-topic words still count.
 * A word that is not Vietnamese (a product or brand name: "facebook", "wifi") keeps its full IDF:
 * it names what the question is about.
 */
const UNKNOWN_WORD_SHARE = 0.5;
/**
 * An entry's topic: the meaningful words in at least half of its phrasings ("thẻ đảng" for the
 * entries about the Party card). A question that has none of them is about something else
 * ("sổ đỏ bị mất làm lại thế nào" is not about a lost Party card): the score shrinks by up to this
 * share, by the IDF-weighted share of the topic the question misses.
 */
const TOPIC_PENALTY = 0.15;
/** Credit for a word matched only after a typo correction, or with other diacritics than typed. */
const FUZZY_CREDIT = 0.8;
const ACCENT_MISMATCH_CREDIT = 0.55;
/** Bonus when every word typed with diacritics matches an entry's word with the same diacritics. */
const ACCENT_BONUS = 0.04;
/**
 * A question whose matched words are all common ("đảng", "viên") is not specific enough to be
 * answered: the score shrinks by up to SPECIFICITY_PENALTY when the IDF mass of its matched words
 * is below SPECIFIC_SHARE of the IDF of a word no entry holds (1 + ln(N + 1): ~5.3 for 74 entries).
 */
const SPECIFICITY_PENALTY = 0.4;
const SPECIFIC_SHARE = 0.8;

export interface FaqCandidate {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  /** max word_similarity(question, field) over the question and each keyword phrase (pg_trgm). */
  trigram: number;
  /** max word_similarity(field, question): how much of a phrasing the question contains. */
  trigramInQuestion: number;
}

export interface CorpusStats {
  /** Published entries in the asker's audience. */
  entries: number;
  /** Entries holding each lexeme (syllable or `a_b` bigram). */
  documentFrequency: Map<string, number>;
}

export interface MatchedToken extends QueryToken {
  /** Found only after correcting a typo against the entries' words. */
  corrected: boolean;
}

export interface PreparedQuery {
  tokens: MatchedToken[];
  bigrams: string[];
}

export interface ScoredCandidate {
  id: string;
  question: string;
  answer: string;
  score: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The syllables of the candidates, with how many candidates hold each. */
export function vocabularyOf(candidates: FaqCandidate[]): Map<string, number> {
  const vocabulary = new Map<string, number>();
  for (const c of candidates) {
    const words = new Set([c.question, ...c.keywords].flatMap((f) => analyseField(f).plain));
    for (const w of words) vocabulary.set(w, (vocabulary.get(w) ?? 0) + 1);
  }
  return vocabulary;
}

/**
 * Words the entries do not know, corrected against the words they do: two syllables typed without
 * the space ("dangphi"), or a typo within edit distance 1 (2 for long words: "dnag" → "dang").
 */
export function prepareQuery(query: AnalysedQuery, vocabulary: Map<string, number>): PreparedQuery {
  const tokens: MatchedToken[] = [];
  for (const t of query.tokens) {
    if (t.stop || vocabulary.has(t.plain) || t.plain.length < 3 || !/^[a-z]+$/.test(t.plain)) {
      tokens.push({ ...t, corrected: false });
      continue;
    }
    const split = splitJoined(t.plain, vocabulary);
    if (split) {
      for (const part of split) tokens.push({ plain: part, accent: null, stop: false, corrected: false });
      continue;
    }
    const fixed = closestWord(t.plain, vocabulary);
    tokens.push(fixed ? { plain: fixed, accent: null, stop: false, corrected: true } : { ...t, corrected: false });
  }
  return { tokens, bigrams: wordPairs(tokens) };
}

function splitJoined(word: string, vocabulary: Map<string, number>): [string, string] | null {
  for (let i = 1; i < word.length; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (vocabulary.has(a) && vocabulary.has(b) && isSyllable(a) && isSyllable(b)) return [a, b];
  }
  return null;
}

function closestWord(word: string, vocabulary: Map<string, number>): string | null {
  const max = word.length >= 6 ? 2 : 1;
  let best: { w: string; d: number; rank: number } | null = null;
  for (const [w, count] of vocabulary) {
    if (w.length < 2 || Math.abs(w.length - word.length) > max) continue;
    const d = editDistance(word, w, max);
    if (d > max) continue;
    // same first letter first (typos rarely hit it), then the more common word
    const rank = d * 100 - (w[0] === word[0] ? 10 : 0) - Math.min(count, 9);
    if (!best || rank < best.rank) best = { w, d, rank };
  }
  return best?.w ?? null;
}

/** The lexemes whose document frequency the score needs: the question's, and the candidates' topic words. */
export function lexemesOf(query: PreparedQuery, candidates: FaqCandidate[] = []): string[] {
  return [
    ...new Set([...query.tokens.filter((t) => !t.stop).map((t) => t.plain), ...query.bigrams, ...candidates.flatMap((c) => topicOf(entryFields(c)))]),
  ];
}

/** The meaningful words found in at least half of an entry's phrasings (question and keywords). */
export function topicOf(entry: EntryFields): string[] {
  const fields = entry.fields.filter((f) => f.plain.length);
  if (fields.length < 2) return [];
  const counts = new Map<string, number>();
  for (const f of fields) {
    for (const w of new Set(f.plain.filter((_, i) => !f.filler[i]))) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n * 2 >= fields.length).map(([w]) => w);
}

export interface EntryFields {
  fields: FieldTokens[];
  words: Set<string>;
  bigrams: Set<string>;
  accents: Map<string, Set<string>>;
}

function entryFields(c: FaqCandidate): EntryFields {
  const fields = [c.question, ...c.keywords].map(analyseField);
  const words = new Set<string>();
  const bigrams = new Set<string>();
  const accents = new Map<string, Set<string>>();
  for (const f of fields) {
    f.plain.forEach((w) => words.add(w));
    f.bigrams.forEach((b) => bigrams.add(b));
    for (const [w, keys] of f.accents) {
      const set = accents.get(w) ?? new Set<string>();
      keys.forEach((k) => set.add(k));
      accents.set(w, set);
    }
  }
  return { fields, words, bigrams, accents };
}

/** How well one query word is matched by a set of words: 1, or less for a corrected word or other diacritics. */
function wordCredit(t: MatchedToken, words: Set<string>, accents: Map<string, Set<string>>): number {
  if (!words.has(t.plain)) return 0;
  const base = t.corrected ? FUZZY_CREDIT : 1;
  if (!t.accent) return base;
  const keys = accents.get(t.plain);
  // an entry that spells the word without diacritics does not contradict the member
  if (!keys || keys.has(t.accent) || keys.has(t.plain)) return base;
  return base * ACCENT_MISMATCH_CREDIT;
}

/**
 * Scores the candidates in [0,1] and answers them best first. The parts:
 *  - coverage: the IDF-weighted share of the question's words found in the entry (question and keywords),
 *  - bigrams: the share of its adjacent word pairs found (word order, compound words),
 *  - field: the best F1 between the question and one field (the entry's question or one phrasing),
 *    so an entry that says what was asked and little else ranks first,
 *  - phrase: the longest run of words shared in order with one field, against both lengths,
 *  - trigram: pg_trgm word similarity, which forgives the typos the word-level matching misses;
 * or, when larger, the entry-side score (how much of one phrasing the question contains, damped),
 * which carries long questions; shrunk when only common words matched and when the question misses
 * the entry's topic words, with a small bonus for matching diacritics as typed.
 */
export function rankCandidates(query: PreparedQuery, candidates: FaqCandidate[], stats: CorpusStats): ScoredCandidate[] {
  const idf = (lexeme: string) => 1 + Math.log((stats.entries + 1) / ((stats.documentFrequency.get(lexeme) ?? 0) + 1));
  const maxIdf = 1 + Math.log(stats.entries + 1);
  const weight = (t: MatchedToken) => {
    if (t.stop) return FILLER_WEIGHT;
    if (stats.documentFrequency.get(t.plain)) return idf(t.plain);
    const foreign = /^[a-z]+$/.test(t.plain) && !isSyllable(t.plain);
    return foreign ? maxIdf : UNKNOWN_WORD_SHARE * maxIdf;
  };
  const weights = query.tokens.map(weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pairWeight = (b: string) => {
    const [x, y] = b.split('_');
    const wx = query.tokens.find((t) => t.plain === x);
    const wy = query.tokens.find((t) => t.plain === y);
    return ((wx ? weight(wx) : 1) + (wy ? weight(wy) : 1)) / 2;
  };
  const bigramWeights = query.bigrams.map(pairWeight);
  const totalBigramWeight = bigramWeights.reduce((a, b) => a + b, 0);
  const specificMass = SPECIFIC_SHARE * maxIdf;
  const queryPlain = query.tokens.map((t) => t.plain);
  const queryWords = new Set(queryPlain);
  const queryBigrams = new Set(query.bigrams);
  const typedWithMarks = query.tokens.filter((t) => t.accent && !t.stop);
  const meaningful = new Set(query.tokens.filter((t) => !t.stop).map((t) => t.plain));

  return candidates
    .map((c) => {
      const entry = entryFields(c);
      const credits = query.tokens.map((t) => wordCredit(t, entry.words, entry.accents));
      const matched = credits.reduce((sum, cr, i) => sum + cr * weights[i], 0);
      const coverage = totalWeight ? matched / totalWeight : 0;
      // a single word gives no evidence of order or compound words: no credit here
      const bigrams = totalBigramWeight
        ? query.bigrams.reduce((sum, b, i) => sum + (entry.bigrams.has(b) ? bigramWeights[i] : 0), 0) / totalBigramWeight
        : 0;

      let field = 0;
      let phrase = 0;
      let inQuestion = 0;
      let ownQuestion = 0;
      for (const [index, f] of entry.fields.entries()) {
        if (!f.plain.length) continue;
        const words = new Set(f.plain);
        const inField = query.tokens.reduce((sum, t, i) => sum + wordCredit(t, words, f.accents) * weights[i], 0) / (totalWeight || 1);
        const fieldWeight = f.filler.reduce((s, filler) => s + (filler ? FILLER_WEIGHT : 1), 0);
        const covered = f.plain.reduce((s, w, i) => s + (queryWords.has(w) ? (f.filler[i] ? FILLER_WEIGHT : 1) : 0), 0) / (fieldWeight || 1);
        const f1 = inField + covered > 0 ? (2 * inField * covered) / (inField + covered) : 0;
        field = Math.max(field, f1);
        if (index === 0) ownQuestion = f1;
        phrase = Math.max(phrase, (2 * longestCommonRun(queryPlain, f.plain)) / (queryPlain.length + f.plain.length));
        // a phrasing of two or more meaningful words, found in the question
        if (f.filler.filter((x) => !x).length >= 2) {
          const pairs = f.contentBigrams;
          const bigramsFound = pairs.size ? [...pairs].filter((b) => queryBigrams.has(b)).length / pairs.size : covered;
          const found = (W_ENTRY_WORDS * covered + W_ENTRY_BIGRAMS * bigramsFound) / (W_ENTRY_WORDS + W_ENTRY_BIGRAMS);
          // …and the share of the question it explains: a longer, more specific phrasing wins
          inQuestion = Math.max(inQuestion, found * (1 - EXPLAINED_SHARE + EXPLAINED_SHARE * inField));
        }
      }

      const contentMass = query.tokens.reduce((sum, t, i) => sum + (t.stop ? 0 : credits[i] * weights[i]), 0);
      const specificity = Math.min(1, contentMass / specificMass);
      const questionSide = W_COVERAGE * coverage + W_BIGRAMS * bigrams + W_FIELD * field + W_PHRASE * phrase + W_TRIGRAM * c.trigram;
      const entrySide =
        ENTRY_SIDE_DAMPING *
        ((W_ENTRY_WORDS + W_ENTRY_BIGRAMS) * inQuestion + W_ENTRY_TRIGRAM * c.trigramInQuestion * (1 - EXPLAINED_SHARE + EXPLAINED_SHARE * coverage));
      const topic = topicOf(entry);
      const topicMass = topic.reduce((sum, w) => sum + idf(w), 0);
      const topicShare = topicMass ? topic.reduce((sum, w) => sum + (meaningful.has(w) ? idf(w) : 0), 0) / topicMass : 1;
      let score =
        Math.max(questionSide, entrySide) * (1 - SPECIFICITY_PENALTY * (1 - specificity)) * (1 - TOPIC_PENALTY * (1 - topicShare));
      if (typedWithMarks.length) {
        const agree = typedWithMarks.filter((t) => entry.accents.get(t.plain)?.has(t.accent!)).length / typedWithMarks.length;
        score += ACCENT_BONUS * agree;
      }
      return { id: c.id, question: c.question, answer: c.answer, score: Math.max(0, Math.min(1, score)), ownQuestion };
    })
    // ties: the entry whose own question (its canonical wording) fits better; then a stable order
    .sort((a, b) => b.score - a.score || b.ownQuestion - a.ownQuestion || a.question.localeCompare(b.question) || a.id.localeCompare(b.id))
    .map(({ ownQuestion: _, ...r }) => ({ ...r, score: round3(r.score) }));
}

/** The longest run of words that stands in both, in the same order (a keyword phrase quoted in the question). */
export function longestCommonRun(a: string[], b: string[]): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : 0;
      best = Math.max(best, prev[j]);
      diagonal = above;
    }
  }
  return best;
}

/**
 * Automatic answers: a member's question against the published entries of their committee chain.
 * Retrieval is SQL (full-text on syllables and syllable bigrams, trigram word similarity on the
 * unaccented text, both GIN-indexed); the ≤ 50 candidates are scored by `rankCandidates`.
 * A question without a confident answer joins the queue of unanswered questions.
 */
@Injectable()
export class FaqAnswerService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async answer(principal: Principal, q: string): Promise<FaqAnswerResponse> {
    const text = q.trim();
    const query = analyseQuery(text);
    if (!query.tokens.length) throw ApiError.validation({ q: 'q must contain letters or digits' });
    const audience = audienceOf(principal);
    return this.db.transaction(async (m) => {
      const candidates = await this.retrieve(m, query, audience);
      const prepared = prepareQuery(query, vocabularyOf(candidates));
      const stats = await this.corpusStats(m, lexemesOf(prepared, candidates), audience);
      const ranked = rankCandidates(prepared, candidates, stats);
      const answered = (ranked[0]?.score ?? 0) >= ANSWER_THRESHOLD;
      // only members' questions queue up: an editor trying a question out must not fill the queue
      if (!answered && principal.role === 'member') await this.recordUnanswered(m, principal, text, query.plain);
      return {
        answered,
        matches: ranked.filter((r) => r.score >= SUGGESTION_FLOOR).slice(0, MAX_MATCHES),
      };
    });
  }

  /** Published entries of the audience that share a syllable or bigram with the question, or resemble it. */
  private async retrieve(m: EntityManager, query: AnalysedQuery, audience: number[] | null): Promise<FaqCandidate[]> {
    if (audience?.length === 0) return [];
    const content = query.tokens.filter((t) => !t.stop).map((t) => t.plain);
    const lexemes = [...new Set([...(content.length ? content : query.tokens.map((t) => t.plain)), ...query.bigrams])];
    // lexemes hold letters, digits and `_` only (cleanText), so quoting them is safe
    const tsquery = lexemes.map((l) => `'${l}'`).join(' | ');
    await m.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(RETRIEVAL_WORD_SIMILARITY)]);
    const rows: { id: string; question: string; answer: string; keywords: string[]; trigram: number; trigramInQuestion: number }[] = await m.query(
      `SELECT f.id, f.question, f.answer, f.keywords,
              greatest(word_similarity($1, f_unaccent(f.question)),
                       coalesce((SELECT max(word_similarity($1, f_unaccent(k))) FROM unnest(f.keywords) k), 0)) AS trigram,
              greatest(word_similarity(f_unaccent(f.question), $1),
                       coalesce((SELECT max(word_similarity(f_unaccent(k), $1)) FROM unnest(f.keywords) k), 0)) AS "trigramInQuestion"
       FROM faqs f
       WHERE f.published
         AND ($3::int[] IS NULL OR f.committee_id = ANY($3::int[]))
         AND (f.search_vector @@ CAST($2 AS tsquery) OR $1 <% f.search_text)
       ORDER BY ts_rank(f.search_vector, CAST($2 AS tsquery)) + word_similarity($1, f.search_text) DESC, f.id
       LIMIT ${MAX_CANDIDATES}`,
      [query.plain, tsquery, audience],
    );
    return rows.map((r) => ({ ...r, trigram: Number(r.trigram), trigramInQuestion: Number(r.trigramInQuestion) }));
  }

  private async corpusStats(m: EntityManager, lexemes: string[], audience: number[] | null): Promise<CorpusStats> {
    if (audience?.length === 0) return { entries: 0, documentFrequency: new Map() };
    const rows: { lexeme: string | null; n: number }[] = await m.query(
      `SELECT NULL AS lexeme, count(*)::int AS n FROM faqs f WHERE f.published AND ($2::int[] IS NULL OR f.committee_id = ANY($2::int[]))
       UNION ALL
       SELECT l.lexeme, (SELECT count(*)::int FROM faqs f
                         WHERE f.published AND ($2::int[] IS NULL OR f.committee_id = ANY($2::int[]))
                           AND f.search_vector @@ CAST(quote_literal(l.lexeme) AS tsquery))
       FROM unnest($1::text[]) AS l(lexeme)`,
      [lexemes, audience],
    );
    const documentFrequency = new Map<string, number>();
    let entries = 0;
    for (const r of rows) {
      if (r.lexeme === null) entries = Number(r.n);
      else documentFrequency.set(r.lexeme, Number(r.n));
    }
    return { entries, documentFrequency };
  }

  /** One row per normalised question: the first wording, how often, when, and the latest asker's committee. */
  private async recordUnanswered(m: EntityManager, principal: Principal, text: string, normalized: string): Promise<void> {
    await m.query(
      `INSERT INTO unanswered_questions (text, normalized, committee_id) VALUES ($1, $2, $3)
       ON CONFLICT (normalized) DO UPDATE SET
         times_asked = unanswered_questions.times_asked + 1,
         last_asked_at = now(),
         committee_id = EXCLUDED.committee_id,
         -- an entry made from it still does not answer this asker (unpublished, or targeted elsewhere)
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
