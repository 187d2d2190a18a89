import { isNearTopic } from './near-topic.js';
import {
  analyseField,
  editDistance,
  isSyllable,
  wordPairs,
  type AnalysedQuery,
  type FieldTokens,
  type QueryToken,
} from './vietnamese-text.js';

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

export interface FaqEntryText {
  id: string;
  question: string;
  /** Plain text or light HTML. */
  answer: string;
  /** Keywords and alternative phrasings, including the questions editors linked to the entry. */
  keywords: string[];
}

export interface AnalysedEntry {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  /** The question first, then each phrasing. */
  fields: FieldTokens[];
  fieldWords: Set<string>[];
  /** Per field: its meaningful words. */
  fieldContent: number[];
  fieldTrigrams: Set<string>[];
  words: Set<string>;
  bigrams: Set<string>;
  accents: Map<string, Set<string>>;
  answerWords: Set<string>;
  answerBigrams: Set<string>;
  topic: string[];
}

/** The analysed entries of one audience with their statistics: built once, then only read. */
export interface FaqIndex {
  entries: AnalysedEntry[];
  /** Entries holding each lexeme (syllable or `a_b` pair) in any field or the answer. */
  documentFrequency: Map<string, number>;
  /** Syllable → the entries holding it (the first pass, and the typo corrections' vocabulary). */
  postings: Map<string, number[]>;
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

export function analyseEntry(entry: FaqEntryText): AnalysedEntry {
  const fields = [entry.question, ...entry.keywords].map(analyseField);
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
  const answer = analyseField(entry.answer.replace(/<[^>]*>/g, ' '));
  const answerWords = new Set(answer.plain.filter((_, i) => !answer.filler[i]));
  return {
    id: entry.id,
    question: entry.question,
    answer: entry.answer,
    keywords: entry.keywords,
    fields,
    fieldWords: fields.map((f) => new Set(f.plain)),
    fieldContent: fields.map((f) => f.filler.filter((x) => !x).length),
    fieldTrigrams: fields.map((f) => trigramsOf(f.plain)),
    words,
    bigrams,
    accents,
    answerWords,
    answerBigrams: new Set([...answer.contentBigrams, ...answer.bigrams]),
    topic: topicOf(fields),
  };
}

/**
 * The index of an audience's entries. `analysed` (optional) holds entries analysed before, by id:
 * an entry whose texts did not change is reused, so an edit re-analyses one entry, not all.
 */
export function buildIndex(entries: FaqEntryText[], analysedBefore?: Map<string, AnalysedEntry>): FaqIndex {
  const analysed = entries
    .map((e) => {
      const before = analysedBefore?.get(e.id);
      if (before && before.question === e.question && before.answer === e.answer && sameKeywords(before, e.keywords)) return before;
      const fresh = analyseEntry(e);
      analysedBefore?.set(e.id, fresh);
      return fresh;
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const documentFrequency = new Map<string, number>();
  const postings = new Map<string, number[]>();
  analysed.forEach((e, i) => {
    for (const l of new Set([...e.words, ...e.bigrams, ...e.answerWords, ...e.answerBigrams]))
      documentFrequency.set(l, (documentFrequency.get(l) ?? 0) + 1);
    for (const w of new Set([...e.words, ...e.answerWords])) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  return { entries: analysed, documentFrequency, postings };
}

function sameKeywords(entry: AnalysedEntry, keywords: string[]): boolean {
  return entry.keywords.length === keywords.length && entry.keywords.every((k, i) => k === keywords[i]);
}

/** The meaningful words found in at least half of an entry's phrasings (question and keywords). */
export function topicOf(fields: FieldTokens[]): string[] {
  const nonEmpty = fields.filter((f) => f.plain.length);
  if (nonEmpty.length < 2) return [];
  const counts = new Map<string, number>();
  for (const f of nonEmpty) {
    for (const w of new Set(f.plain.filter((_, i) => !f.filler[i]))) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n * 2 >= nonEmpty.length).map(([w]) => w);
}

/** pg_trgm's trigrams of words: each word padded with two spaces before and one after. */
export function trigramsOf(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const padded = `  ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** How many trigrams two sets share (the smaller one walked). */
function sharedTrigrams(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const t of small) if (large.has(t)) n++;
  return n;
}

/**
 * Words the entries do not know, corrected against the words they do: two syllables typed without
 * the space ("dangphi"), or a typo within edit distance 1 (2 for long words: "dnag" → "dang").
 */
export function prepareQuery(query: AnalysedQuery, index: FaqIndex): PreparedQuery {
  const tokens: MatchedToken[] = [];
  const known = (w: string) => index.postings.has(w);
  for (const t of query.tokens) {
    if (t.stop || known(t.plain) || t.plain.length < 3 || !/^[a-z]+$/.test(t.plain)) {
      tokens.push({ ...t, corrected: false });
      continue;
    }
    const split = splitJoined(t.plain, known);
    if (split) {
      for (const part of split) tokens.push({ plain: part, accent: null, stop: false, corrected: false });
      continue;
    }
    const fixed = closestWord(t.plain, index.postings);
    tokens.push(fixed ? { plain: fixed, accent: null, stop: false, corrected: true } : { ...t, corrected: false });
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

function closestWord(word: string, vocabulary: Map<string, number[]>): string | null {
  const max = word.length >= 6 ? 2 : 1;
  let best: { w: string; rank: number } | null = null;
  for (const [w, holders] of vocabulary) {
    if (w.length < 2 || Math.abs(w.length - word.length) > max) continue;
    const d = editDistance(word, w, max);
    if (d > max) continue;
    // same first letter first (typos rarely hit it), then the more common word
    const rank = d * 100 - (w[0] === word[0] ? 10 : 0) - Math.min(holders.length, 9);
    if (!best || rank < best.rank) best = { w, rank };
  }
  return best?.w ?? null;
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
 * matching diacritics as typed.
 */
export function rank(index: FaqIndex, query: AnalysedQuery): ScoredCandidate[] {
  const prepared = prepareQuery(query, index);
  const N = index.entries.length;
  const df = (lexeme: string) => index.documentFrequency.get(lexeme) ?? 0;
  const idf = (lexeme: string) => 1 + Math.log((N + 1) / (df(lexeme) + 1));
  const maxIdf = 1 + Math.log(N + 1);
  const weight = (t: MatchedToken) => {
    if (t.stop) return FILLER_WEIGHT;
    if (df(t.plain)) return idf(t.plain);
    const foreign = /^[a-z]+$/.test(t.plain) && !isSyllable(t.plain);
    return foreign ? maxIdf : UNKNOWN_WORD_SHARE * maxIdf;
  };
  const tokens = prepared.tokens;
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
  const queryWords = new Set(queryPlain);
  const queryBigrams = new Set(prepared.bigrams);
  const queryTrigrams = trigramsOf(queryPlain);
  const typedWithMarks = tokens.filter((t) => t.accent && !t.stop);
  const meaningful = new Set(tokens.filter((t) => !t.stop).map((t) => t.plain));
  // on the words as typed: a typo correction must not invent the Party ("sang" → "dang")
  const nearTopic = isNearTopic(query.tokens);
  const vague =
    N >= VAGUE_MIN_ENTRIES && meaningful.size > 0 && Math.max(...[...meaningful].map((w) => (df(w) ? idf(w) : maxIdf))) < VAGUE_IDF;

  // first pass: the entries sharing a meaningful word, by the IDF mass they share
  const mass = new Map<number, number>();
  for (const w of meaningful) {
    const holders = index.postings.get(w);
    if (!holders) continue;
    const add = idf(w);
    for (const i of holders) mass.set(i, (mass.get(i) ?? 0) + add);
  }
  const candidates = [...mass]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([i]) => index.entries[i]);

  return (
    candidates
      .map((entry) => {
        const credits = tokens.map((t) => {
          const own = wordCredit(t, entry.words, entry.accents);
          return own || (!t.stop && entry.answerWords.has(t.plain) ? ANSWER_CREDIT * (t.corrected ? FUZZY_CREDIT : 1) : 0);
        });
        const matched = credits.reduce((sum, cr, i) => sum + cr * weights[i], 0);
        const coverage = totalWeight ? matched / totalWeight : 0;
        // a single word gives no evidence of order or compound words: no credit here
        const bigrams = totalBigramWeight
          ? prepared.bigrams.reduce(
              (sum, b, i) => sum + (entry.bigrams.has(b) ? 1 : entry.answerBigrams.has(b) ? ANSWER_CREDIT : 0) * bigramWeights[i],
              0,
            ) / totalBigramWeight
          : 0;

        let field = 0;
        let phrase = 0;
        let inQuestion = 0;
        let ownQuestion = 0;
        let trigram = 0;
        let trigramInQuestion = 0;
        for (const [index, f] of entry.fields.entries()) {
          if (!f.plain.length) continue;
          const words = entry.fieldWords[index];
          const inField = tokens.reduce((sum, t, i) => sum + wordCredit(t, words, f.accents) * weights[i], 0) / (totalWeight || 1);
          const fieldWeight = f.filler.reduce((s, filler) => s + (filler ? FILLER_WEIGHT : 1), 0);
          const covered =
            f.plain.reduce((s, w, i) => s + (queryWords.has(w) ? (f.filler[i] ? FILLER_WEIGHT : 1) : 0), 0) / (fieldWeight || 1);
          const f1 = inField + covered > 0 ? (2 * inField * covered) / (inField + covered) : 0;
          field = Math.max(field, f1);
          if (index === 0) ownQuestion = f1;
          phrase = Math.max(phrase, (2 * longestCommonRun(queryPlain, f.plain)) / (queryPlain.length + f.plain.length));
          // the share of the question's trigrams in the phrasing, and of the phrasing's in the question
          // (close to pg_trgm's word_similarity both ways)
          const shared = sharedTrigrams(queryTrigrams, entry.fieldTrigrams[index]);
          if (queryTrigrams.size) trigram = Math.max(trigram, shared / queryTrigrams.size);
          if (entry.fieldTrigrams[index].size) trigramInQuestion = Math.max(trigramInQuestion, shared / entry.fieldTrigrams[index].size);
          // a phrasing of two or more meaningful words, found in the question
          if (entry.fieldContent[index] >= 2) {
            const pairs = f.contentBigrams;
            let pairsFound = 0;
            for (const b of pairs) if (queryBigrams.has(b)) pairsFound++;
            const bigramsFound = pairs.size ? pairsFound / pairs.size : covered;
            const found = (W_ENTRY_WORDS * covered + W_ENTRY_BIGRAMS * bigramsFound) / (W_ENTRY_WORDS + W_ENTRY_BIGRAMS);
            // …and the share of the question it explains: a longer, more specific phrasing wins
            inQuestion = Math.max(inQuestion, found * (1 - EXPLAINED_SHARE + EXPLAINED_SHARE * inField));
          }
        }

        const contentMass = tokens.reduce((sum, t, i) => sum + (t.stop ? 0 : credits[i] * weights[i]), 0);
        const specificity = Math.min(1, contentMass / specificMass);
        const questionSide = W_COVERAGE * coverage + W_BIGRAMS * bigrams + W_FIELD * field + W_PHRASE * phrase + W_TRIGRAM * trigram;
        const entrySide =
          ENTRY_SIDE_DAMPING *
          ((W_ENTRY_WORDS + W_ENTRY_BIGRAMS) * inQuestion +
            W_ENTRY_TRIGRAM * trigramInQuestion * (1 - EXPLAINED_SHARE + EXPLAINED_SHARE * coverage));
        const topicMass = entry.topic.reduce((sum, w) => sum + idf(w), 0);
        const topicShare = topicMass ? entry.topic.reduce((sum, w) => sum + (meaningful.has(w) ? idf(w) : 0), 0) / topicMass : 1;
        let score =
          Math.max(questionSide, entrySide) * (1 - SPECIFICITY_PENALTY * (1 - specificity)) * (1 - TOPIC_PENALTY * (1 - topicShare));
        if (typedWithMarks.length) {
          const agree = typedWithMarks.filter((t) => entry.accents.get(t.plain)?.has(t.accent!)).length / typedWithMarks.length;
          score += ACCENT_BONUS * agree;
        }
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
