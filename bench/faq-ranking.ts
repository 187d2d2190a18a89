/**
 * The FAQ answer's own cost and accuracy, beside a well-kept library: `npm run bench:faq`.
 *
 * - The app's ranker (src/faq/faq-ranker.ts) on the analysed entries kept in memory, as
 *   FaqAnswerService uses it (the service adds the framework and, on the embedded database only,
 *   one read of the one-row FAQ revision per question; `npm run bench` measures the whole request).
 * - minisearch over the same entries with its calibrated threshold (bench/faq-minisearch.ts, also
 *   the main benchmark's FAQ baseline).
 * Accuracy is reported on the held-out split of both sets of test/faq. CPU is process CPU time per
 * answer (user + system), which holds on a busy machine better than wall time; the load average is
 * printed beside it. At 74 entries (the demo knowledge base) and at 5,000 (the 74 entries repeated
 * with a distinguishing word each, a national knowledge base's size).
 */
import { loadavg } from 'node:os';
import { buildIndex, type FaqIndex } from '../src/faq/faq-ranker.js';
import {
  ALL_QUESTIONS,
  EVAL_SETS,
  FAQ_ENTRIES,
  accuracy,
  calibrateMinisearch,
  miniAsk,
  miniIndex,
  nationalEntries,
  rankerAsk,
  type Answer,
} from './faq-minisearch.js';

/** CPU per call over `minMs` of wall time, after `warmMs` of calls (the JIT compiles the hot code first). */
function cpuPerCall(fn: () => void, minMs = 1500, warmMs = 300): number {
  for (const until = Date.now() + warmMs; Date.now() < until; ) fn();
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

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const shown = (ask: (q: string) => Answer, set: keyof typeof EVAL_SETS) => {
  const a = accuracy(
    ask,
    EVAL_SETS[set].filter((x) => x.split === 'held-out'),
  );
  return `${pct(a.top1)} / ${pct(a.top3)} / ${pct(a.refused)}`;
};

const small = buildIndex(FAQ_ENTRIES);
const bigEntries = nationalEntries(5000);
let big: FaqIndex | undefined;
const buildMs = cpuPerCall(() => (big = buildIndex(bigEntries)), 1, 0);
const miniSmall = miniIndex(FAQ_ENTRIES);
const miniBig = miniIndex(bigEntries);
const threshold = calibrateMinisearch(miniSmall);
const questions = ALL_QUESTIONS.map((x) => x.q);
let k = 0;
const next = () => questions[k++ % questions.length];
const rows = [
  { name: 'app ranker (faq-ranker.ts)', small: rankerAsk(small), big: rankerAsk(big!) },
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
  console.log(
    `| ${r.name} | ${cpuSmall.toFixed(2)} ms | ${cpuBig.toFixed(2)} ms | ${shown(r.small, 'as asked')} | ${shown(r.small, 'short')} |`,
  );
}
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
