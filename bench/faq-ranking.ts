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
 *
 *   --runs N   measure N times in a row, each with its load average (default 1)
 *   --merge    write the runs into docs/benchmarks.json (faqRanking) and render docs/benchmarks.md
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/bootstrap.js';
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
import { renderMarkdown, type BenchResults, type FaqRankingRun } from './report.js';

/**
 * CPU per call over `minMs` of wall time, after a warm-up: at least `warmMs` and 1,500 calls (the JIT
 * reaches the ranker's steady speed after ~1,000 questions), but no more than 3 s of it.
 */
function cpuPerCall(fn: () => void, minMs = 1500, warmMs = 300): number {
  const warmStart = Date.now();
  for (let n = 0; Date.now() - warmStart < warmMs || (warmMs > 0 && n < 1500 && Date.now() - warmStart < 3000); n++) fn();
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

/** The targets: CPU per answer at today's 74 entries and at a national knowledge base's 5,000. */
const TARGETS = { cpuMs74: 2, cpuMs5000: 5 };
const argv = process.argv.slice(2);
const runCount = Math.max(1, Number(argv[argv.indexOf('--runs') + 1]) || 1);

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const load1 = () => Math.round(loadavg()[0] * 100) / 100;
const heldOut = (ask: (q: string) => Answer, set: keyof typeof EVAL_SETS) =>
  accuracy(
    ask,
    EVAL_SETS[set].filter((x) => x.split === 'held-out'),
  );
const three = (a: { top1: number; top3: number; refused: number }) => `${pct(a.top1)} / ${pct(a.top3)} / ${pct(a.refused)}`;

const small = buildIndex(FAQ_ENTRIES);
const bigEntries = nationalEntries(5000);
const miniSmall = miniIndex(FAQ_ENTRIES);
const miniBig = miniIndex(bigEntries);
const threshold = calibrateMinisearch(miniSmall);
const questions = ALL_QUESTIONS.map((x) => x.q);
let k = 0;
const next = () => questions[k++ % questions.length];

function measureOnce(): FaqRankingRun {
  const before = load1();
  const measuredAt = new Date().toISOString();
  let big: FaqIndex | undefined;
  const buildMs = cpuPerCall(() => (big = buildIndex(bigEntries)), 1, 0);
  const rankers = [
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
  const rows: FaqRankingRun['rows'] = [];
  for (const r of rankers) {
    const row = {
      ranker: r.name,
      cpuMs74: Math.round(cpuPerCall(() => r.small(next())) * 1000) / 1000,
      cpuMs5000: Math.round(cpuPerCall(() => r.big(next())) * 1000) / 1000,
      asAsked: heldOut(r.small, 'as asked'),
      short: heldOut(r.small, 'short'),
    };
    rows.push(row);
    console.log(
      `| ${row.ranker} | ${row.cpuMs74.toFixed(2)} ms | ${row.cpuMs5000.toFixed(2)} ms | ${three(row.asAsked)} | ${three(row.short)} |`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return { measuredAt, loadAverage: { before, after: load1() }, buildMs: Math.round(buildMs), rows };
}

const runs: FaqRankingRun[] = [];
for (let i = 0; i < runCount; i++) runs.push(measureOnce());
if (argv.includes('--merge')) {
  const file = join(REPO_ROOT, 'docs/benchmarks.json');
  const all: BenchResults = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { runs: [] };
  all.faqRanking = { targets: TARGETS, runs };
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  writeFileSync(join(REPO_ROOT, 'docs/benchmarks.md'), renderMarkdown(all));
  console.log('wrote docs/benchmarks.md and docs/benchmarks.json');
}
