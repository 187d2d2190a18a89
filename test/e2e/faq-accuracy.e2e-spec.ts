import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The automatic answer on a labelled evaluation set (test/faq): 74 entries about Party membership
 * and the handbook app, and questions written the way members type them (no diacritics, typos,
 * telex leftovers, abbreviations, paraphrases, fragments) plus off-topic questions that must not be
 * answered. The threshold was calibrated on the "calibration" questions only; the "held-out" ones
 * were written before any tuning and kept out of it. FAQ_EVAL_VERBOSE=1 lists the calibration misses
 * and the calibration top-1 for a sweep of thresholds.
 */
interface Entry {
  id: string;
  category: string;
  question: string;
  answer: string;
  keywords: string[];
}
interface EvalQuestion {
  q: string;
  expected: string | null;
  kind: string;
  split: 'calibration' | 'held-out';
}
interface Outcome extends EvalQuestion {
  answered: boolean;
  ranked: string[];
  scores: number[];
  top1: boolean;
  top3: boolean;
}

const load = <T>(...path: string[]): T => JSON.parse(readFileSync(join(REPO_ROOT, ...path), 'utf8')) as T;
// the knowledge base is the one the demo province is seeded with; the questions are labelled against it
const ENTRIES = load<Entry[]>('src', 'database', 'seed', 'faq-entries.json');
const QUESTIONS = load<EvalQuestion[]>('test', 'faq', 'eval-questions.json');
const MIN_TOP1 = 0.85;

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

describe('FAQ automatic answers: accuracy on the labelled evaluation set', () => {
  let t: TestApp;
  let member: string;
  const slugOf = new Map<string, string>();
  const outcomes: Outcome[] = [];

  const ask = (q: string) => t.http().get('/api/faqs/answer').query({ q }).set('Authorization', `Bearer ${member}`);

  beforeAll(async () => {
    t = await createTestApp();
    const tree = await createTree(t.db);
    const editor = await tokenFor(t, 'editor', tree.province);
    member = await tokenFor(t, 'member', tree.branchA);
    for (const e of ENTRIES) {
      const res = await t
        .http()
        .post('/api/faqs')
        .set('Authorization', `Bearer ${editor}`)
        .send({ committeeId: tree.province.id, question: e.question, answer: e.answer, category: e.category, keywords: e.keywords, published: true })
        .expect(201);
      slugOf.set(res.body.id, e.id);
    }
    for (const question of QUESTIONS) {
      const res = await ask(question.q).expect(200);
      const ranked = (res.body.matches as { id: string }[]).map((m) => slugOf.get(m.id)!);
      const answered = res.body.answered as boolean;
      const onTopic = question.expected !== null;
      outcomes.push({
        ...question,
        answered,
        ranked,
        scores: (res.body.matches as { score: number }[]).map((m) => m.score),
        top1: onTopic ? answered && ranked[0] === question.expected : !answered,
        top3: onTopic ? ranked.slice(0, 3).includes(question.expected!) : !answered,
      });
    }
    report(outcomes);
  }, 300_000);
  afterAll(async () => t?.close());

  it('answers at least 85% of the questions right at the first match (on-topic: answered with the expected entry; off-topic: not answered)', () => {
    expect(outcomes).toHaveLength(QUESTIONS.length);
    const top1 = outcomes.filter((o) => o.top1).length / outcomes.length;
    expect(top1).toBeGreaterThanOrEqual(MIN_TOP1);
  });

  it('holds the bar on the held-out questions, which played no part in the calibration', () => {
    const held = outcomes.filter((o) => o.split === 'held-out');
    expect(held.length).toBeGreaterThan(100);
    expect(held.filter((o) => o.top1).length / held.length).toBeGreaterThanOrEqual(MIN_TOP1);
  });

  it('leaves questions about everyday life unanswered', async () => {
    expect(outcomes.filter((o) => o.expected === null).length).toBeGreaterThanOrEqual(20);
    for (const q of ['thời tiết hôm nay thế nào', 'giá vàng', 'cách nấu phở', 'thoi tiet ngay mai', 'gia vang sjc hom nay bao nhieu']) {
      const res = await ask(q).expect(200);
      expect([q, res.body.answered]).toEqual([q, false]);
    }
  });

  it('ranks the entry spelled with the diacritics as typed above its unaccented look-alike', async () => {
    // "đổi thẻ đảng" (replace the card) and "đợi thẻ đảng" (wait for the card) are both "doi the dang"
    const replace = await ask('đổi thẻ đảng').expect(200);
    const wait = await ask('đợi thẻ đảng').expect(200);
    const order = (res: typeof replace) => (res.body.matches as { id: string }[]).map((m) => slugOf.get(m.id));
    expect(order(replace).indexOf('the-dang-mat')).toBe(0);
    expect(order(replace)).toContain('the-dang-phat');
    expect(order(wait).indexOf('the-dang-phat')).toBe(0);
    expect(order(wait)).toContain('the-dang-mat');
    // without diacritics both stay among the suggestions
    const plain = await ask('doi the dang').expect(200);
    expect(order(plain).slice(0, 3)).toEqual(expect.arrayContaining(['the-dang-mat', 'the-dang-phat']));
  });
});

function report(outcomes: Outcome[]) {
  const rows: Record<string, { n: number; top1: number; top3: number }> = {};
  const add = (key: string, o: Outcome) => {
    rows[key] ??= { n: 0, top1: 0, top3: 0 };
    rows[key].n++;
    if (o.top1) rows[key].top1++;
    if (o.top3) rows[key].top3++;
  };
  for (const o of outcomes) {
    add('all', o);
    add(`split: ${o.split}`, o);
    add(`kind: ${o.kind}`, o);
  }
  const table = Object.entries(rows).map(([group, r]) => ({ group, questions: r.n, top1: pct(r.top1, r.n), top3: pct(r.top3, r.n) }));
  const lines = [
    `FAQ evaluation: ${outcomes.length} questions, ${ENTRIES.length} entries`,
    ...table.map((r) => `${r.group.padEnd(24)} ${String(r.questions).padStart(4)}  top-1 ${r.top1.padStart(6)}  top-3 ${r.top3.padStart(6)}`),
  ];
  if (process.env.FAQ_EVAL_VERBOSE) {
    // calibration questions only: the held-out ones are reported in aggregate, never tuned on
    const calibration = outcomes.filter((o) => o.split === 'calibration');
    for (const o of calibration.filter((x) => !x.top1)) {
      lines.push(
        `MISS [${o.kind}] "${o.q}" expected ${o.expected ?? 'unanswered'}; answered=${o.answered} ` +
          o.ranked.map((id, i) => `${id}:${o.scores[i]}`).join(' '),
      );
    }
    // top-1 on the calibration questions for each threshold (the returned scores decide `answered`)
    const sweep: string[] = [];
    for (let th = 0.3; th <= 0.8001; th += 0.02) {
      const right = calibration.filter((o) =>
        o.expected === null ? (o.scores[0] ?? 0) < th : o.ranked[0] === o.expected && (o.scores[0] ?? 0) >= th,
      ).length;
      sweep.push(`${th.toFixed(2)}:${pct(right, calibration.length)}`);
    }
    lines.push(`calibration top-1 by threshold: ${sweep.join(' ')}`);
    const best = (f: (o: Outcome) => boolean) => calibration.filter(f).map((o) => o.scores[0] ?? 0).sort((a, b) => a - b).join(' ');
    lines.push(`calibration best scores, right entry first: ${best((o) => o.expected !== null && o.ranked[0] === o.expected)}`);
    lines.push(`calibration best scores, off-topic: ${best((o) => o.expected === null)}`);
  }
  console.log(lines.join('\n'));
}
