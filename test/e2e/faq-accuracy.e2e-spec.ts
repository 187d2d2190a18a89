import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The automatic answer on two labelled evaluation sets (test/faq), both against the 74 entries the
 * demo province is seeded with (src/demo/faq-entries.json):
 *  - "short" (eval-questions.json): short queries as typed (no diacritics, typos, telex leftovers,
 *    abbreviations, paraphrases, fragments) and off-topic questions;
 *  - "as asked" (eval-questions-as-asked.json): written the way members really ask — long spoken
 *    questions with context, abbreviations without diacritics, fillers ("cho cháu hỏi", "ạ"), typos,
 *    questions whose key words are only in the entry's answer, and near-topic questions that share
 *    words with entries but are not about the Party (they must go to the editors' queue).
 * Each set is split into "calibration" (the only questions anything was tuned on) and "held-out"
 * (written with the rest, before any tuning, and only measured). FAQ_EVAL_VERBOSE=1 lists the
 * calibration misses and the calibration figures for a sweep of thresholds.
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
  set: string;
  answered: boolean;
  ranked: string[];
  scores: number[];
  top1: boolean;
  top3: boolean;
}

const load = <T>(...path: string[]): T => JSON.parse(readFileSync(join(REPO_ROOT, ...path), 'utf8')) as T;
const ENTRIES = load<Entry[]>('src', 'demo', 'faq-entries.json');
const SETS: Record<string, EvalQuestion[]> = {
  short: load<EvalQuestion[]>('test', 'faq', 'eval-questions.json'),
  'as asked': load<EvalQuestion[]>('test', 'faq', 'eval-questions-as-asked.json'),
};
/** The held-out targets on questions as members ask them (issue 21). */
const AS_ASKED_TOP1 = 0.92;
const AS_ASKED_TOP3 = 0.97;
const NEAR_TOPIC_REFUSED = 0.9;
/** The short set before the rework: every question 91.1% (246/270), held-out 89.2% (124/139); no worse now. */
const SHORT_ALL_TOP1 = 246 / 270;
const SHORT_HELD_OUT_TOP1 = 124 / 139;

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
const share = (os: Outcome[], f: (o: Outcome) => boolean) => os.filter(f).length / os.length;

describe('FAQ automatic answers: accuracy on the labelled evaluation sets', () => {
  let t: TestApp;
  let member: string;
  const slugOf = new Map<string, string>();
  const outcomes: Outcome[] = [];
  const of = (set: string, split?: string) => outcomes.filter((o) => o.set === set && (!split || o.split === split));

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
        .send({
          committeeId: tree.province.id,
          question: e.question,
          answer: e.answer,
          category: e.category,
          keywords: e.keywords,
          published: true,
        })
        .expect(201);
      slugOf.set(res.body.id, e.id);
    }
    for (const [set, questions] of Object.entries(SETS)) {
      for (const question of questions) {
        const res = await ask(question.q).expect(200);
        const ranked = (res.body.matches as { id: string }[]).map((m) => slugOf.get(m.id)!);
        const answered = res.body.answered as boolean;
        const onTopic = question.expected !== null;
        outcomes.push({
          ...question,
          set,
          answered,
          ranked,
          scores: (res.body.matches as { score: number }[]).map((m) => m.score),
          top1: onTopic ? answered && ranked[0] === question.expected : !answered,
          top3: onTopic ? ranked.slice(0, 3).includes(question.expected!) : !answered,
        });
      }
    }
    report(outcomes);
  }, 600_000);
  afterAll(async () => t?.close());

  it('answers questions as members ask them: on the held-out split, top-1 ≥ 92% and top-3 ≥ 97% of the on-topic ones', () => {
    const held = of('as asked', 'held-out').filter((o) => o.expected !== null);
    expect(held.length).toBeGreaterThanOrEqual(90);
    expect(share(held, (o) => o.top1)).toBeGreaterThanOrEqual(AS_ASKED_TOP1);
    expect(share(held, (o) => o.top3)).toBeGreaterThanOrEqual(AS_ASKED_TOP3);
  });

  it('refuses at least 90% of the held-out near-topic questions that are not about the Party ("chuyển hộ khẩu", "cài zalo")', () => {
    const near = of('as asked', 'held-out').filter((o) => o.expected === null);
    expect(near.length).toBeGreaterThanOrEqual(15);
    expect(share(near, (o) => !o.answered)).toBeGreaterThanOrEqual(NEAR_TOPIC_REFUSED);
  });

  it('answers the short questions no worse than before the rework (all, and the held-out split)', () => {
    expect(of('short')).toHaveLength(SETS.short.length);
    expect(share(of('short'), (o) => o.top1)).toBeGreaterThanOrEqual(SHORT_ALL_TOP1);
    expect(share(of('short', 'held-out'), (o) => o.top1)).toBeGreaterThanOrEqual(SHORT_HELD_OUT_TOP1);
  });

  it('leaves questions about everyday life unanswered', async () => {
    expect(outcomes.filter((o) => o.expected === null).length).toBeGreaterThanOrEqual(60);
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
    const topic = o.expected === null ? 'off-topic (refused)' : 'on-topic';
    add(`${o.set}: all`, o);
    add(`${o.set}: ${o.split}`, o);
    add(`${o.set}: ${o.split}, ${topic}`, o);
    add(`${o.set}: kind ${o.kind}`, o);
  }
  const lines = [
    `FAQ evaluation: ${ENTRIES.length} entries; ${Object.entries(SETS)
      .map(([k, v]) => `${v.length} questions "${k}"`)
      .join(', ')}`,
    ...Object.entries(rows)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([group, r]) =>
          `${group.padEnd(44)} ${String(r.n).padStart(4)}  top-1 ${pct(r.top1, r.n).padStart(6)}  top-3 ${pct(r.top3, r.n).padStart(6)}`,
      ),
  ];
  if (process.env.FAQ_EVAL_VERBOSE) {
    // calibration questions only: the held-out ones are reported in aggregate, never tuned on
    const calibration = outcomes.filter((o) => o.split === 'calibration');
    for (const o of calibration.filter((x) => !x.top1)) {
      lines.push(
        `MISS ${o.set} [${o.kind}] "${o.q}" expected ${o.expected ?? 'unanswered'}; answered=${o.answered} ` +
          o.ranked.map((id, i) => `${id}:${o.scores[i]}`).join(' '),
      );
    }
    const sweep: string[] = [];
    for (let th = 0.3; th <= 0.8001; th += 0.02) {
      const right = calibration.filter((o) =>
        o.expected === null ? (o.scores[0] ?? 0) < th : o.ranked[0] === o.expected && (o.scores[0] ?? 0) >= th,
      ).length;
      sweep.push(`${th.toFixed(2)}:${pct(right, calibration.length)}`);
    }
    lines.push(`calibration top-1 by threshold: ${sweep.join(' ')}`);
    const best = (f: (o: Outcome) => boolean) =>
      calibration
        .filter(f)
        .map((o) => o.scores[0] ?? 0)
        .sort((a, b) => a - b)
        .join(' ');
    lines.push(`calibration best scores, right entry first: ${best((o) => o.expected !== null && o.ranked[0] === o.expected)}`);
    lines.push(`calibration best scores, off-topic: ${best((o) => o.expected === null)}`);
  }
  console.log(lines.join('\n'));
}
