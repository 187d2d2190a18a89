import { analyseField, type FieldTokens } from './vietnamese-text.js';

/*
 * The analysed entries of an audience, laid out for scoring: every string an entry holds (its words,
 * word pairs, letter trigrams, the diacritics its words were written with) is interned once as an
 * integer id in a Lexicon, and an entry keeps small Int32Arrays of those ids. Scoring a question
 * (faq-ranker.ts) then marks the question's ids in typed arrays and counts matches with array reads,
 * with no hashing of strings and no per-entry objects per question; only the entries that share a
 * meaningful word with the question are scored (the postings, an inverted index by word).
 * No weights here: they are all in faq-ranker.ts.
 */

export interface FaqEntryText {
  id: string;
  question: string;
  /** Plain text or light HTML. */
  answer: string;
  /** Keywords and alternative phrasings, including the questions editors linked to the entry. */
  keywords: string[];
}

/**
 * Strings → dense integer ids, shared by the entries analysed against it (and so by the audiences'
 * indexes built from them). Words, word pairs (`a_b`), trigrams and accent keys share one id space:
 * the same string is the same id, whatever role it plays. Questions only look ids up, never add.
 */
export class Lexicon {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];

  get size(): number {
    return this.strings.length;
  }

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.ids.set(s, id);
      this.strings.push(s);
    }
    return id;
  }

  /** The id of a string seen before, or -1. */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }
}

/** One phrasing (the question or a keyword) of an entry, as ids. */
export interface AnalysedField {
  /** The words in order. */
  words: Int32Array;
  /** Per word: 1 when it carries little meaning. */
  filler: Uint8Array;
  /** Its distinct words. */
  distinct: Int32Array;
  /** (word, accent key) pairs: how each word was written here (the key is the word itself when unmarked). */
  accents: Int32Array;
  /** Its distinct letter trigrams (`trigramsOf`). */
  trigrams: Int32Array;
  /** Distinct pairs of adjacent meaningful words. */
  contentBigrams: Int32Array;
  /** How many meaningful words it has. */
  content: number;
}

export interface AnalysedEntry {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
  /** The lexicon its ids belong to. */
  lexicon: Lexicon;
  /** The question first, then each phrasing. */
  fields: AnalysedField[];
  /** Distinct words of its question and phrasings. */
  words: Int32Array;
  /** Distinct (word, accent key) pairs over its question and phrasings. */
  accents: Int32Array;
  /** Distinct word pairs of its question and phrasings. */
  bigrams: Int32Array;
  /** The answer's distinct meaningful words, and its distinct word pairs. */
  answerWords: Int32Array;
  answerBigrams: Int32Array;
  /** `topicOf` its phrasings. */
  topic: Int32Array;
}

/** The analysed entries of one audience: built once, then only read. */
export interface FaqIndex {
  entries: AnalysedEntry[];
  lexicon: Lexicon;
  /**
   * Word id → the entries (their positions in `entries`) holding it in a phrasing or the answer:
   * the first pass, the words' document frequency, and the typo corrections' vocabulary (in the
   * order the words were first met).
   */
  postings: Map<number, Int32Array>;
}

/** What an edit keeps: entries analysed before (by id) and the lexicon they were analysed against. */
export interface AnalysisCache {
  lexicon: Lexicon;
  entries: Map<string, AnalysedEntry>;
}

export const newAnalysisCache = (): AnalysisCache => ({ lexicon: new Lexicon(), entries: new Map() });

/** pg_trgm's trigrams of words: each word padded with two spaces before and one after. */
export function trigramsOf(words: string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const padded = `  ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
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

const ids = (lexicon: Lexicon, strings: Iterable<string>) => Int32Array.from(new Set(strings), (s) => lexicon.id(s));

/** (word, accent key) pairs, each once. */
function accentPairs(lexicon: Lexicon, accents: Iterable<[string, Set<string>]>): Int32Array {
  const seen = new Set<string>();
  const out: number[] = [];
  for (const [word, keys] of accents) {
    for (const key of keys) {
      if (seen.has(`${word}|${key}`)) continue;
      seen.add(`${word}|${key}`);
      out.push(lexicon.id(word), lexicon.id(key));
    }
  }
  return Int32Array.from(out);
}

function analysedField(lexicon: Lexicon, f: FieldTokens): AnalysedField {
  return {
    words: Int32Array.from(f.plain, (w) => lexicon.id(w)),
    filler: Uint8Array.from(f.filler, (x) => (x ? 1 : 0)),
    distinct: ids(lexicon, f.plain),
    accents: accentPairs(lexicon, f.accents),
    trigrams: ids(lexicon, trigramsOf(f.plain)),
    contentBigrams: ids(lexicon, f.contentBigrams),
    content: f.filler.filter((x) => !x).length,
  };
}

export function analyseEntry(entry: FaqEntryText, lexicon = new Lexicon()): AnalysedEntry {
  const fields = [entry.question, ...entry.keywords].map(analyseField);
  const accents = new Map<string, Set<string>>();
  for (const f of fields) {
    for (const [w, keys] of f.accents) {
      const set = accents.get(w) ?? new Set<string>();
      keys.forEach((k) => set.add(k));
      accents.set(w, set);
    }
  }
  const answer = analyseField(entry.answer.replace(/<[^>]*>/g, ' '));
  return {
    id: entry.id,
    question: entry.question,
    answer: entry.answer,
    keywords: entry.keywords,
    lexicon,
    fields: fields.map((f) => analysedField(lexicon, f)),
    words: ids(
      lexicon,
      fields.flatMap((f) => f.plain),
    ),
    accents: accentPairs(lexicon, accents),
    bigrams: ids(
      lexicon,
      fields.flatMap((f) => [...f.bigrams]),
    ),
    answerWords: ids(
      lexicon,
      answer.plain.filter((_, i) => !answer.filler[i]),
    ),
    answerBigrams: ids(lexicon, [...answer.contentBigrams, ...answer.bigrams]),
    topic: ids(lexicon, topicOf(fields)),
  };
}

/**
 * The index of an audience's entries. `cache` (optional) holds entries analysed before, by id: an
 * entry whose texts did not change is reused, so an edit re-analyses one entry, not all.
 */
export function buildIndex(entries: FaqEntryText[], cache: AnalysisCache = newAnalysisCache()): FaqIndex {
  const { lexicon } = cache;
  const analysed = entries
    .map((e) => {
      const before = cache.entries.get(e.id);
      if (
        before &&
        before.lexicon === lexicon &&
        before.question === e.question &&
        before.answer === e.answer &&
        sameKeywords(before, e.keywords)
      )
        return before;
      const fresh = analyseEntry(e, lexicon);
      cache.entries.set(e.id, fresh);
      return fresh;
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const holders = new Map<number, number[]>();
  analysed.forEach((e, i) => {
    for (const w of new Set([...e.words, ...e.answerWords])) {
      const list = holders.get(w);
      if (list) list.push(i);
      else holders.set(w, [i]);
    }
  });
  const postings = new Map<number, Int32Array>();
  for (const [w, list] of holders) postings.set(w, Int32Array.from(list));
  return { entries: analysed, lexicon, postings };
}

function sameKeywords(entry: AnalysedEntry, keywords: string[]): boolean {
  return entry.keywords.length === keywords.length && entry.keywords.every((k, i) => k === keywords[i]);
}
