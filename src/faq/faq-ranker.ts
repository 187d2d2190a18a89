import { trigramsOf, type FaqIndex } from './faq-index.js';
import { isNearTopic } from './near-topic.js';
import { editDistance, isSyllable, wordPairs, type AnalysedQuery, type QueryToken } from './vietnamese-text.js';

/*
 * The pure scoring of automatic answers: a question against the analysed entries of one audience.
 * No I/O: FaqAnswerService loads and caches the entries (FaqIndex) and records what goes unanswered.
 * Every weight and threshold is here, each with why it exists. Calibrated on the "calibration"
 * questions of test/faq only; the "held-out" ones are measured, never tuned on.
 */

/**
 * The confidence a best match needs for `answered: true`. On the calibration split (FAQ_EVAL_VERBOSE=1
 * prints the sweep) 0.40 and 0.42 tie; 0.42 also keeps a refused question's best score (at most
 * NEAR_TOPIC_FACTOR = 0.4) below it.
 */
export const ANSWER_THRESHOLD = 0.42;
/** Matches below this are not worth suggesting. */
export const SUGGESTION_FLOOR = 0.25;
export const MAX_MATCHES = 5;
/**
 * Entries fully scored per question: the ones sharing the most IDF mass with it (a cheap first pass).
 * The cost of an answer grows with it; on the calibration split 20, 30 and 50 rank alike.
 */
const MAX_CANDIDATES = 30;

/** The question-side score's parts (they sum to 1). */
const W_COVERAGE = 0.3; // the IDF-weighted share of the question's words the entry holds
const W_BIGRAMS = 0.2; // the share of its word pairs (word order, compound words: "sinh hoạt" ≠ "hoạt động sinh")
const W_FIELD = 0.2; // the best F1 against one phrasing: an entry that says what was asked and little else wins
const W_PHRASE = 0.1; // the longest run of words shared in order with one phrasing
const W_TRIGRAM = 0.2; // letter trigrams: forgives misspellings the word level misses
/**
 * A word found only in the entry's answer counts this much of a word found in its question or
 * phrasings: the answer says what the entry is about, but more loosely ("ví điện tử" is how dues
 * are paid online; an answer mentions many things it is not about). Calibration: 0.5 → 0.7 → 0.8
 * gained, 0.8 and 0.9 tie; 1.0 scored higher still but would put the answer level with the question.
 */
const ANSWER_CREDIT = 0.8;
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
 * A word no entry holds (question, phrasings or answer) cannot tell entries apart; it only says the
 * question reaches beyond the knowledge base. It weighs this share of the IDF it would have, so that
 * context around the point of a long question does not drown it. A word that is not Vietnamese
 * (a product or brand name: "facebook", "wifi") keeps its full IDF: it names what the question is about.
 */
const UNKNOWN_WORD_SHARE = 0.5;
/**
 * An entry's topic: the meaningful words in at least half of its phrasings ("thẻ đảng" for the
 * entries about the Party card). A question that has none of them (in any form) is likely about
 * something else ("sổ đỏ bị mất làm lại thế nào"): the score shrinks by up to this share.
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
 * is below SPECIFIC_SHARE of the IDF of a word no entry holds.
 */
const SPECIFICITY_PENALTY = 0.4;
const SPECIFIC_SHARE = 0.8;
/**
 * A question about a subject outside the handbook that says nothing of the Party (near-topic.ts:
 * "chuyển hộ khẩu", "quên mật khẩu zalo") keeps this share of its score: shown as a suggestion at
 * most (a perfect match scores 0.4, below ANSWER_THRESHOLD), never answered; queued for the editors.
 */
const NEAR_TOPIC_FACTOR = 0.4;
/**
 * A question whose every meaningful word stands in most entries ("đảng viên", "chi bộ": IDF below
 * this, i.e. in more than ~45% of them) names no subject; it keeps NEAR_TOPIC_FACTOR of its score:
 * suggestions, not an answer. Only among enough entries to tell: in a knowledge base of a few, every
 * word is in most of them.
 */
const VAGUE_IDF = 1.6;
const VAGUE_MIN_ENTRIES = 20;

export { analyseEntry, buildIndex, newAnalysisCache, topicOf, trigramsOf } from './faq-index.js';
export type { AnalysedEntry, AnalysisCache, FaqEntryText, FaqIndex } from './faq-index.js';

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

/** The entries holding a word (0: a word this index does not know). */
const documentFrequency = (index: FaqIndex, word: string) => {
  const id = index.lexicon.find(word);
  return id < 0 ? 0 : (index.postings.get(id)?.length ?? 0);
};

/** Every token of a prepared query is made here: one shape for the scoring loops (fewer deoptimisations while the JIT warms up). */
const matched = (plain: string, accent: string | null, stop: boolean, corrected: boolean): MatchedToken => ({
  plain,
  accent,
  stop,
  corrected,
});

/**
 * Words the entries do not know, corrected against the words they do: two syllables typed without
 * the space ("dangphi"), or a typo within edit distance 1 (2 for long words: "dnag" → "dang").
 */
export function prepareQuery(query: AnalysedQuery, index: FaqIndex): PreparedQuery {
  const tokens: MatchedToken[] = [];
  const known = (w: string) => documentFrequency(index, w) > 0;
  for (const t of query.tokens) {
    if (t.stop || known(t.plain) || t.plain.length < 3 || !/^[a-z]+$/.test(t.plain)) {
      tokens.push(matched(t.plain, t.accent, t.stop, false));
      continue;
    }
    const split = splitJoined(t.plain, known);
    if (split) {
      for (const part of split) tokens.push(matched(part, null, false, false));
      continue;
    }
    const fixed = closestWord(t.plain, index);
    tokens.push(fixed ? matched(fixed, null, false, true) : matched(t.plain, t.accent, t.stop, false));
  }
  return { tokens, bigrams: wordPairs(tokens) };
}

function splitJoined(word: string, known: (w: string) => boolean): [string, string] | null {
  for (let i = 1; i < word.length; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (known(a) && known(b) && isSyllable(a) && isSyllable(b)) return [a, b];
  }
  return null;
}

function closestWord(word: string, index: FaqIndex): string | null {
  const max = word.length >= 6 ? 2 : 1;
  let best: { w: string; rank: number } | null = null;
  for (const [id, holders] of index.postings) {
    const w = index.lexicon.strings[id];
    if (w.length < 2 || Math.abs(w.length - word.length) > max) continue;
    const d = editDistance(word, w, max);
    if (d > max) continue;
    // same first letter first (typos rarely hit it), then the more common word
    const rank = d * 100 - (w[0] === word[0] ? 10 : 0) - Math.min(holders.length, 9);
    if (!best || rank < best.rank) best = { w, rank };
  }
  return best?.w ?? null;
}

let runRow = new Int32Array(0);

/**
 * The longest run of words that stands in both, in the same order (a keyword phrase quoted in the
 * question): words or their ids. One row of the table, reused by every call (scoring is synchronous).
 */
export function longestCommonRun<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  if (runRow.length < b.length + 1) runRow = new Int32Array(2 * (b.length + 1));
  const prev = runRow;
  prev.fill(0, 0, b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    const x = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = x === b[j - 1] ? diagonal + 1 : 0;
      if (prev[j] > best) best = prev[j];
      diagonal = above;
    }
  }
  return best;
}

/**
 * Marks of ids in typed arrays, reused by every question (scoring is synchronous, so one set of
 * them serves the process): `mark(a, id)` for the ids of the current generation, `has(a, id)` to
 * test; a new generation (`next`) forgets them all without clearing the arrays.
 */
class Marks {
  private stamps: Uint32Array[] = [];
  private generation = 0;

  constructor(private readonly count: number) {}

  /** Makes room for ids below `size` and starts a new generation. */
  next(size: number): void {
    if (!this.stamps.length || this.stamps[0].length < size) {
      const length = Math.max(2 * size, 1024);
      this.stamps = Array.from({ length: this.count }, () => new Uint32Array(length));
      this.generation = 0;
    } else if (this.generation === 0xffffffff) {
      for (const stamps of this.stamps) stamps.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }

  mark(which: number, ids: Int32Array): void {
    const stamps = this.stamps[which];
    for (let i = 0; i < ids.length; i++) stamps[ids[i]] = this.generation;
  }

  markOne(which: number, id: number): void {
    if (id >= 0) this.stamps[which][id] = this.generation;
  }

  has(which: number, id: number): boolean {
    return id >= 0 && this.stamps[which][id] === this.generation;
  }
}

// what the question holds: marked once per question
const Q_WORDS = 0;
const Q_MEANINGFUL = 1;
const Q_BIGRAMS = 2;
const Q_TRIGRAMS = 3;
const questionMarks = new Marks(4);
// what the entry being scored holds: marked once per candidate
const E_WORDS = 0;
const E_ANSWER_WORDS = 1;
const E_BIGRAMS = 2;
const E_ANSWER_BIGRAMS = 3;
const entryMarks = new Marks(4);
// the words of the phrasing being compared
const fieldMarks = new Marks(1);
let firstPassMass = new Float64Array(0);

/** The pair (word, key) stands in a list of (word, accent key) pairs. */
function hasPair(pairs: Int32Array, word: number, key: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === word && pairs[i + 1] === key) return true;
  return false;
}

/** The MAX_CANDIDATES entries sharing the most IDF mass with the question's meaningful words, best first. */
function firstPass(index: FaqIndex, meaningful: Set<string>, idf: (df: number) => number): number[] {
  const N = index.entries.length;
  if (firstPassMass.length < N) firstPassMass = new Float64Array(Math.max(N, 2 * firstPassMass.length));
  const mass = firstPassMass;
  const touched: number[] = [];
  for (const w of meaningful) {
    const holders = index.postings.get(index.lexicon.find(w));
    if (!holders) continue;
    const add = idf(holders.length);
    for (let k = 0; k < holders.length; k++) {
      const i = holders[k];
      if (mass[i] === 0) touched.push(i);
      mass[i] += add;
    }
  }
  // the best MAX_CANDIDATES by mass (ties: the earlier entry), kept sorted while walking
  const best: number[] = [];
  const better = (i: number, j: number) => mass[i] > mass[j] || (mass[i] === mass[j] && i < j);
  for (const i of touched) {
    if (best.length === MAX_CANDIDATES && !better(i, best[MAX_CANDIDATES - 1])) continue;
    let at = best.length === MAX_CANDIDATES ? MAX_CANDIDATES - 1 : best.length;
    while (at > 0 && better(i, best[at - 1])) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = i;
  }
  for (const i of touched) mass[i] = 0;
  return best;
}

/**
 * Scores the entries in [0,1] for a question, best first. The parts:
 *  - coverage: the IDF-weighted share of the question's words found in the entry (question and
 *    phrasings; the answer for ANSWER_CREDIT),
 *  - bigrams: the share of its adjacent word pairs found (likewise),
 *  - field: the best F1 between the question and one phrasing,
 *  - phrase: the longest run of words shared in order with one phrasing, against both lengths,
 *  - trigram: the share of the question's letter trigrams found in one phrasing (typos);
 * or, when larger, the entry-side score (how much of one phrasing the question contains, damped),
 * which carries long questions; shrunk when only common words matched, when the question misses
 * the entry's topic words, and when it names a subject outside the handbook; a small bonus for
 * matching diacritics as typed. Only the entries sharing a meaningful word with the question are
 * scored (the postings), the MAX_CANDIDATES sharing the most IDF mass.
 */
export function rank(index: FaqIndex, query: AnalysedQuery): ScoredCandidate[] {
  const prepared = prepareQuery(query, index);
  const { lexicon } = index;
  const N = index.entries.length;
  const df = (lexeme: string) => documentFrequency(index, lexeme);
  const idfOf = (frequency: number) => 1 + Math.log((N + 1) / (frequency + 1));
  const idf = (lexeme: string) => idfOf(df(lexeme));
  const maxIdf = 1 + Math.log(N + 1);
  const weight = (t: MatchedToken) => {
    if (t.stop) return FILLER_WEIGHT;
    if (df(t.plain)) return idf(t.plain);
    const foreign = /^[a-z]+$/.test(t.plain) && !isSyllable(t.plain);
    return foreign ? maxIdf : UNKNOWN_WORD_SHARE * maxIdf;
  };
  const tokens = prepared.tokens;
  const T = tokens.length;
  const weights = tokens.map(weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const weightOf = new Map<string, number>();
  tokens.forEach((t, i) => weightOf.set(t.plain, weights[i]));
  const bigramWeights = prepared.bigrams.map((b) => {
    const [x, y] = b.split('_');
    return ((weightOf.get(x) ?? 1) + (weightOf.get(y) ?? 1)) / 2;
  });
  const totalBigramWeight = bigramWeights.reduce((a, b) => a + b, 0);
  const specificMass = SPECIFIC_SHARE * maxIdf;
  const queryPlain = tokens.map((t) => t.plain);
  const queryTrigrams = trigramsOf(queryPlain);
  const meaningful = new Set(tokens.filter((t) => !t.stop).map((t) => t.plain));
  // on the words as typed: a typo correction must not invent the Party ("sang" → "dang")
  const nearTopic = isNearTopic(query.tokens);
  const vague =
    N >= VAGUE_MIN_ENTRIES && meaningful.size > 0 && Math.max(...[...meaningful].map((w) => (df(w) ? idf(w) : maxIdf))) < VAGUE_IDF;

  const candidates = firstPass(index, meaningful, idfOf);
  if (!candidates.length) return [];

  // the question as ids (-1: a word no entry holds, which matches nothing)
  const tokenIds = Int32Array.from(tokens, (t) => lexicon.find(t.plain));
  // per token: how it was typed (-1: without diacritics; -2: a spelling no entry holds)
  const accentIds = Int32Array.from(tokens, (t) => {
    if (!t.accent) return -1;
    const id = lexicon.find(t.accent);
    return id < 0 ? -2 : id;
  });
  const bigramIds = Int32Array.from(prepared.bigrams, (b) => lexicon.find(b));
  questionMarks.next(lexicon.size);
  for (let i = 0; i < T; i++) {
    questionMarks.markOne(Q_WORDS, tokenIds[i]);
    if (!tokens[i].stop) questionMarks.markOne(Q_MEANINGFUL, tokenIds[i]);
  }
  for (const id of bigramIds) questionMarks.markOne(Q_BIGRAMS, id);
  for (const t of queryTrigrams) questionMarks.markOne(Q_TRIGRAMS, lexicon.find(t));
  const credits = new Float64Array(T);

  /** How well query word i is matched by a phrasing (or the entry): 1, or less for a corrected word or other diacritics. */
  const wordCredit = (i: number, accents: Int32Array) => {
    const base = tokens[i].corrected ? FUZZY_CREDIT : 1;
    if (accentIds[i] === -1) return base;
    // an entry that spells the word without diacritics does not contradict the member
    if (hasPair(accents, tokenIds[i], accentIds[i]) || hasPair(accents, tokenIds[i], tokenIds[i])) return base;
    return base * ACCENT_MISMATCH_CREDIT;
  };

  return (
    candidates
      .map((position) => {
        const entry = index.entries[position];
        entryMarks.next(lexicon.size);
        entryMarks.mark(E_WORDS, entry.words);
        entryMarks.mark(E_ANSWER_WORDS, entry.answerWords);
        entryMarks.mark(E_BIGRAMS, entry.bigrams);
        entryMarks.mark(E_ANSWER_BIGRAMS, entry.answerBigrams);
        let matched = 0;
        for (let i = 0; i < T; i++) {
          const own = entryMarks.has(E_WORDS, tokenIds[i]) ? wordCredit(i, entry.accents) : 0;
          credits[i] =
            own ||
            (!tokens[i].stop && entryMarks.has(E_ANSWER_WORDS, tokenIds[i]) ? ANSWER_CREDIT * (tokens[i].corrected ? FUZZY_CREDIT : 1) : 0);
          matched += credits[i] * weights[i];
        }
        const coverage = totalWeight ? matched / totalWeight : 0;
        // a single word gives no evidence of order or compound words: no credit here
        let bigrams = 0;
        if (totalBigramWeight) {
          for (let i = 0; i < bigramIds.length; i++) {
            const id = bigramIds[i];
            bigrams += (entryMarks.has(E_BIGRAMS, id) ? 1 : entryMarks.has(E_ANSWER_BIGRAMS, id) ? ANSWER_CREDIT : 0) * bigramWeights[i];
          }
          bigrams /= totalBigramWeight;
        }

        let field = 0;
        let phrase = 0;
        let inQuestion = 0;
        let ownQuestion = 0;
        let trigram = 0;
        let trigramInQuestion = 0;
        for (let index = 0; index < entry.fields.length; index++) {
          const f = entry.fields[index];
          const length = f.words.length;
          if (!length) continue;
          fieldMarks.next(lexicon.size);
          fieldMarks.mark(0, f.distinct);
          let inField = 0;
          for (let i = 0; i < T; i++) inField += (fieldMarks.has(0, tokenIds[i]) ? wordCredit(i, f.accents) : 0) * weights[i];
          inField /= totalWeight || 1;
          let fieldWeight = 0;
          let covered = 0;
          for (let k = 0; k < length; k++) {
            fieldWeight += f.filler[k] ? FILLER_WEIGHT : 1;
            covered += questionMarks.has(Q_WORDS, f.words[k]) ? (f.filler[k] ? FILLER_WEIGHT : 1) : 0;
          }
          covered /= fieldWeight || 1;
          const f1 = inField + covered > 0 ? (2 * inField * covered) / (inField + covered) : 0;
          field = Math.max(field, f1);
          if (index === 0) ownQuestion = f1;
          // no word in common, no run
          if (covered > 0) phrase = Math.max(phrase, (2 * longestCommonRun(tokenIds, f.words)) / (T + length));
          // the share of the question's trigrams in the phrasing, and of the phrasing's in the question
          // (close to pg_trgm's word_similarity both ways)
          let shared = 0;
          for (let k = 0; k < f.trigrams.length; k++) if (questionMarks.has(Q_TRIGRAMS, f.trigrams[k])) shared++;
          if (queryTrigrams.size) trigram = Math.max(trigram, shared / queryTrigrams.size);
          if (f.trigrams.length) trigramInQuestion = Math.max(trigramInQuestion, shared / f.trigrams.length);
          // a phrasing of two or more meaningful words, found in the question
          if (f.content >= 2) {
            const pairs = f.contentBigrams;
            let pairsFound = 0;
            for (let k = 0; k < pairs.length; k++) if (questionMarks.has(Q_BIGRAMS, pairs[k])) pairsFound++;
            const bigramsFound = pairs.length ? pairsFound / pairs.length : covered;
            const found = (W_ENTRY_WORDS * covered + W_ENTRY_BIGRAMS * bigramsFound) / (W_ENTRY_WORDS + W_ENTRY_BIGRAMS);
            // …and the share of the question it explains: a longer, more specific phrasing wins
            inQuestion = Math.max(inQuestion, found * (1 - EXPLAINED_SHARE + EXPLAINED_SHARE * inField));
          }
        }

        let contentMass = 0;
        for (let i = 0; i < T; i++) contentMass += tokens[i].stop ? 0 : credits[i] * weights[i];
        const specificity = Math.min(1, contentMass / specificMass);
        const questionSide = W_COVERAGE * coverage + W_BIGRAMS * bigrams + W_FIELD * field + W_PHRASE * phrase + W_TRIGRAM * trigram;
        const entrySide =
          ENTRY_SIDE_DAMPING *
          ((W_ENTRY_WORDS + W_ENTRY_BIGRAMS) * inQuestion +
            W_ENTRY_TRIGRAM * trigramInQuestion * (1 - EXPLAINED_SHARE + EXPLAINED_SHARE * coverage));
        let topicMass = 0;
        let topicFound = 0;
        for (let k = 0; k < entry.topic.length; k++) {
          const w = entry.topic[k];
          const idfW = idfOf(index.postings.get(w)?.length ?? 0);
          topicMass += idfW;
          topicFound += questionMarks.has(Q_MEANINGFUL, w) ? idfW : 0;
        }
        const topicShare = topicMass ? topicFound / topicMass : 1;
        let score =
          Math.max(questionSide, entrySide) * (1 - SPECIFICITY_PENALTY * (1 - specificity)) * (1 - TOPIC_PENALTY * (1 - topicShare));
        let typedWithMarks = 0;
        let agree = 0;
        for (let i = 0; i < T; i++) {
          if (accentIds[i] === -1 || tokens[i].stop) continue;
          typedWithMarks++;
          if (hasPair(entry.accents, tokenIds[i], accentIds[i])) agree++;
        }
        if (typedWithMarks) score += ACCENT_BONUS * (agree / typedWithMarks);
        if (nearTopic || vague) score *= NEAR_TOPIC_FACTOR;
        return { id: entry.id, question: entry.question, answer: entry.answer, score: Math.max(0, Math.min(1, score)), ownQuestion };
      })
      // ties: the entry whose own question (its canonical wording) fits better; then a stable order
      .sort(
        (a, b) => b.score - a.score || b.ownQuestion - a.ownQuestion || a.question.localeCompare(b.question) || a.id.localeCompare(b.id),
      )
      .map(({ ownQuestion: _, ...r }) => ({ ...r, score: round3(r.score) }))
  );
}

/** The answer to a question: the ranked matches worth showing, and whether the first is confident. */
export function answerFrom(index: FaqIndex, query: AnalysedQuery): { answered: boolean; matches: ScoredCandidate[] } {
  const ranked = rank(index, query);
  return {
    answered: (ranked[0]?.score ?? 0) >= ANSWER_THRESHOLD,
    matches: ranked.filter((r) => r.score >= SUGGESTION_FLOOR).slice(0, MAX_MATCHES),
  };
}
