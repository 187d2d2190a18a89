/**
 * The FAQ's fair baseline and its accuracy, shared by `npm run bench:faq` (bench/faq-ranking.ts, in
 * process) and the main benchmark's `faq-answer` baseline (bench/paths.ts, over HTTP):
 * - minisearch over the same entries (question, keywords, answer; diacritics folded, fuzzy 0.2,
 *   prefix), its answer threshold calibrated on the calibration split exactly as the app's is: the
 *   raw score that answers the most calibration questions right (and refuses the off-topic ones);
 * - accuracy on the held-out split of both labelled sets of test/faq, for the app's ranker and for it.
 */
import MiniSearch from 'minisearch';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/bootstrap.js';
import { answerFrom, buildIndex, type FaqEntryText, type FaqIndex } from '../src/faq/faq-ranker.js';
import { analyseQuery, plainText } from '../src/faq/vietnamese-text.js';

export interface EvalQuestion {
  q: string;
  expected: string | null;
  split: 'calibration' | 'held-out';
}
/** An answer as the evaluation reads it: confident or not, the ids of the matches shown. */
export interface Answer {
  answered: boolean;
  ids: string[];
}

const load = <T>(...path: string[]): T => JSON.parse(readFileSync(join(REPO_ROOT, ...path), 'utf8')) as T;
/** The demo knowledge base (74 entries), which the benchmark's dataset publishes as the national FAQ. */
export const FAQ_ENTRIES = load<FaqEntryText[]>('src', 'demo', 'faq-entries.json');
export const EVAL_SETS: Record<'short' | 'as asked', EvalQuestion[]> = {
  short: load('test', 'faq', 'eval-questions.json'),
  'as asked': load('test', 'faq', 'eval-questions-as-asked.json'),
};
export const ALL_QUESTIONS = Object.values(EVAL_SETS).flat();

/** 5,000 entries: the 74 repeated, each copy with a word of its own (a place name) in its question and keywords. */
export function nationalEntries(n: number): FaqEntryText[] {
  const onsets = ['b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
  const rhymes = ['an', 'ang', 'anh', 'em', 'en', 'inh', 'oc', 'ong', 'uan', 'uong', 'ien', 'ai'];
  const out: FaqEntryText[] = [];
  for (let i = 0; out.length < n; i++) {
    const e = FAQ_ENTRIES[i % FAQ_ENTRIES.length];
    const place = `${onsets[i % onsets.length]}${rhymes[Math.floor(i / onsets.length) % rhymes.length]} ${onsets[Math.floor(i / 7) % onsets.length]}${rhymes[i % rhymes.length]}`;
    out.push({ ...e, id: `${e.id}#${i}`, question: `${e.question} (${place})`, keywords: e.keywords.map((k) => `${k} ${place}`) });
  }
  return out;
}

export type FaqMiniSearch = MiniSearch<FaqEntryText>;

/** minisearch over entries: question, keywords and answer, diacritics folded, fuzzy and prefix matching. */
export function miniIndex(entries: FaqEntryText[]): FaqMiniSearch {
  const mini = new MiniSearch<FaqEntryText>({
    fields: ['question', 'keywords', 'answer'],
    storeFields: ['id', 'question', 'answer'],
    extractField: (doc, field) => (field === 'keywords' ? doc.keywords.join(' ; ') : String(doc[field as keyof FaqEntryText])),
    processTerm: (term) => plainText(term) || null,
    searchOptions: { boost: { question: 2, keywords: 1.5, answer: 1 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  mini.addAll(entries);
  return mini;
}

/** minisearch's answer: its best five, answered when the first scores at least the threshold. */
export function miniAnswer(mini: FaqMiniSearch, threshold: number, q: string) {
  const hits = mini.search(q).slice(0, 5);
  return {
    answered: (hits[0]?.score ?? 0) >= threshold,
    matches: hits.map((h) => ({ id: String(h.id), question: String(h.question), answer: String(h.answer), score: h.score })),
  };
}

/** The raw score threshold that gets the most calibration questions right (answered with the expected entry, or refused). */
export function calibrateMinisearch(mini: FaqMiniSearch): number {
  const calibration = ALL_QUESTIONS.filter((x) => x.split === 'calibration').map((x) => ({ x, hits: mini.search(x.q) }));
  const candidates = [...new Set(calibration.map((c) => c.hits[0]?.score ?? 0))].sort((a, b) => a - b);
  let best = { threshold: Infinity, right: -1 };
  for (const threshold of candidates) {
    const right = calibration.filter(({ x, hits }) =>
      x.expected === null ? (hits[0]?.score ?? 0) < threshold : hits[0]?.id === x.expected && hits[0].score >= threshold,
    ).length;
    if (right > best.right) best = { threshold, right };
  }
  return best.threshold;
}

let calibrated: number | undefined;
/** minisearch's threshold calibrated on the demo entries (computed once per process). */
export function minisearchThreshold(): number {
  calibrated ??= calibrateMinisearch(miniIndex(FAQ_ENTRIES));
  return calibrated;
}

/** The entry id an answer names, without the copy suffix of nationalEntries. */
const baseId = (id: string) => id.split('#')[0];
export const rankerAsk =
  (index: FaqIndex) =>
  (q: string): Answer => {
    const r = answerFrom(index, analyseQuery(q));
    return { answered: r.answered, ids: r.matches.map((m) => baseId(m.id)) };
  };
export const miniAsk =
  (mini: FaqMiniSearch, threshold: number) =>
  (q: string): Answer => {
    const r = miniAnswer(mini, threshold, q);
    return { answered: r.answered, ids: r.matches.map((m) => baseId(m.id)) };
  };

export interface Accuracy {
  /** On-topic questions answered with the expected entry first, confidently. */
  top1: number;
  /** On-topic questions whose expected entry is among the first three shown. */
  top3: number;
  /** Off-topic (near-topic) questions not answered. */
  refused: number;
  onTopic: number;
  offTopic: number;
}

export function accuracy(ask: (q: string) => Answer, questions: EvalQuestion[]): Accuracy {
  const on = questions.filter((x) => x.expected !== null);
  const off = questions.filter((x) => x.expected === null);
  const answers = new Map(questions.map((x) => [x.q, ask(x.q)]));
  const share = (n: number, d: number) => Math.round((1000 * n) / d) / 1000;
  return {
    top1: share(on.filter((x) => answers.get(x.q)!.answered && answers.get(x.q)!.ids[0] === x.expected).length, on.length),
    top3: share(on.filter((x) => answers.get(x.q)!.ids.slice(0, 3).includes(x.expected!)).length, on.length),
    refused: share(off.filter((x) => !answers.get(x.q)!.answered).length, off.length),
    onTopic: on.length,
    offTopic: off.length,
  };
}

/** Held-out accuracy of one ranker on both sets. */
export interface HeldOutAccuracy {
  asAsked: Accuracy;
  short: Accuracy;
}

export function heldOutAccuracy(ask: (q: string) => Answer): HeldOutAccuracy {
  const heldOut = (set: EvalQuestion[]) => set.filter((x) => x.split === 'held-out');
  return { asAsked: accuracy(ask, heldOut(EVAL_SETS['as asked'])), short: accuracy(ask, heldOut(EVAL_SETS.short)) };
}

/** The app's ranker and the baseline on the demo entries, as the benchmark's FAQ row reports them. */
export function faqAccuracy(): { app: HeldOutAccuracy; baseline: HeldOutAccuracy & { threshold: number } } {
  const threshold = minisearchThreshold();
  return {
    app: heldOutAccuracy(rankerAsk(buildIndex(FAQ_ENTRIES))),
    baseline: { ...heldOutAccuracy(miniAsk(miniIndex(FAQ_ENTRIES), threshold)), threshold: Math.round(threshold * 100) / 100 },
  };
}
