/**
 * The FAQ answer's own cost and accuracy, beside a well-kept library: `npm run bench:faq`.
 *
 * - The app's ranker (src/faq/faq-ranker.ts) on the analysed entries kept in memory, as
 *   FaqAnswerService uses it (the service adds one read of the one-row FAQ revision per question,
 *   and the framework; `npm run bench` measures the whole request).
 * - minisearch over the same entries (question, keywords, answer; diacritics folded, fuzzy 0.2,
 *   prefix), its answer threshold calibrated on the calibration split exactly as the app's is: the
 *   raw score that answers the most calibration questions right.
 * Accuracy is reported on the held-out split of both sets of test/faq. CPU is process CPU time per
 * answer (user + system), which holds on a busy machine better than wall time; the load average is
 * printed beside it. At 74 entries (the demo knowledge base) and at 5,000 (the 74 entries repeated
 * with a distinguishing word each, a national knowledge base's size).
 */
import MiniSearch from 'minisearch';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/bootstrap.js';
import { answerFrom, buildIndex, type FaqEntryText, type FaqIndex } from '../src/faq/faq-ranker.js';
import { analyseQuery, plainText } from '../src/faq/vietnamese-text.js';

interface EvalQuestion {
  q: string;
  expected: string | null;
  split: 'calibration' | 'held-out';
}
interface Answer {
  answered: boolean;
  ids: string[];
}

const load = <T>(...path: string[]): T => JSON.parse(readFileSync(join(REPO_ROOT, ...path), 'utf8')) as T;
const ENTRIES = load<FaqEntryText[]>('src', 'demo', 'faq-entries.json');
const SETS: Record<string, EvalQuestion[]> = {
  short: load('test', 'faq', 'eval-questions.json'),
  'as asked': load('test', 'faq', 'eval-questions-as-asked.json'),
};
const ALL = Object.values(SETS).flat();

/** 5,000 entries: the 74 repeated, each copy with a word of its own (a place name) in its question and keywords. */
function national(n: number): FaqEntryText[] {
  const onsets = ['b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];
  const rhymes = ['an', 'ang', 'anh', 'em', 'en', 'inh', 'oc', 'ong', 'uan', 'uong', 'ien', 'ai'];
  const out: FaqEntryText[] = [];
  for (let i = 0; out.length < n; i++) {
    const e = ENTRIES[i % ENTRIES.length];
    const place = `${onsets[i % onsets.length]}${rhymes[Math.floor(i / onsets.length) % rhymes.length]} ${onsets[Math.floor(i / 7) % onsets.length]}${rhymes[i % rhymes.length]}`;
    out.push({ ...e, id: `${e.id}#${i}`, question: `${e.question} (${place})`, keywords: e.keywords.map((k) => `${k} ${place}`) });
  }
  return out;
}

function cpuPerCall(fn: () => void, minMs = 1500): number {
  fn(); // warm
  let calls = 0;
  const start = process.cpuUsage();
  const wall = Date.now();
  while (Date.now() - wall < minMs) {
    fn();
    calls++;
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls; // ms per call
}

// ---- the app's ranker
const ranker =
  (index: FaqIndex) =>
  (q: string): Answer => {
    const r = answerFrom(index, analyseQuery(q));
    return { answered: r.answered, ids: r.matches.map((m) => m.id.split('#')[0]) };
  };

// ---- minisearch, calibrated
function miniIndex(entries: FaqEntryText[]) {
  const mini = new MiniSearch<FaqEntryText>({
    fields: ['question', 'keywords', 'answer'],
    storeFields: ['id'],
    extractField: (doc, field) => (field === 'keywords' ? doc.keywords.join(' ; ') : String(doc[field as keyof FaqEntryText])),
    processTerm: (term) => plainText(term) || null,
    searchOptions: { boost: { question: 2, keywords: 1.5, answer: 1 }, fuzzy: 0.2, prefix: true, combineWith: 'OR' },
  });
  mini.addAll(entries);
  return mini;
}
const miniAsk =
  (mini: MiniSearch<FaqEntryText>, threshold: number) =>
  (q: string): Answer => {
    const hits = mini.search(q).slice(0, 5);
    return { answered: (hits[0]?.score ?? 0) >= threshold, ids: hits.map((h) => String(h.id).split('#')[0]) };
  };
function calibrate(mini: MiniSearch<FaqEntryText>): number {
  const calibration = ALL.filter((x) => x.split === 'calibration').map((x) => ({ x, hits: mini.search(x.q) }));
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

function accuracy(ask: (q: string) => Answer, questions: EvalQuestion[]) {
  const on = questions.filter((x) => x.expected !== null);
  const off = questions.filter((x) => x.expected === null);
  const answers = new Map(questions.map((x) => [x.q, ask(x.q)]));
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
  return {
    top1: pct(on.filter((x) => answers.get(x.q)!.answered && answers.get(x.q)!.ids[0] === x.expected).length, on.length),
    top3: pct(on.filter((x) => answers.get(x.q)!.ids.slice(0, 3).includes(x.expected!)).length, on.length),
    refused: pct(off.filter((x) => !answers.get(x.q)!.answered).length, off.length),
  };
}

const small = buildIndex(ENTRIES);
const bigEntries = national(5000);
let big: FaqIndex | undefined;
const buildMs = cpuPerCall(() => (big = buildIndex(bigEntries)), 1);
const miniSmall = miniIndex(ENTRIES);
const miniBig = miniIndex(bigEntries);
const threshold = calibrate(miniSmall);
const questions = ALL.map((x) => x.q);
let k = 0;
const next = () => questions[k++ % questions.length];
const rows = [
  { name: 'app ranker (faq-ranker.ts)', small: ranker(small), big: ranker(big!) },
  {
    name: `minisearch 7, threshold ${threshold.toFixed(2)} (calibrated)`,
    small: miniAsk(miniSmall, threshold),
    big: miniAsk(miniBig, threshold),
  },
];
console.log(
  `FAQ answer, in process; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; analysing 5,000 entries once: ${buildMs.toFixed(0)} ms CPU`,
);
console.log(
  '| ranker | CPU/answer, 74 entries | CPU/answer, 5,000 entries | held-out "as asked": top-1 / top-3 / near-topic refused | held-out "short": top-1 / top-3 / off-topic refused |',
);
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const cpuSmall = cpuPerCall(() => r.small(next()));
  const cpuBig = cpuPerCall(() => r.big(next()));
  const a = accuracy(
    r.small,
    SETS['as asked'].filter((x) => x.split === 'held-out'),
  );
  const s = accuracy(
    r.small,
    SETS.short.filter((x) => x.split === 'held-out'),
  );
  console.log(
    `| ${r.name} | ${cpuSmall.toFixed(2)} ms | ${cpuBig.toFixed(2)} ms | ${a.top1} / ${a.top3} / ${a.refused} | ${s.top1} / ${s.top3} / ${s.refused} |`,
  );
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
