import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ENTRIES = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'faq', 'faq-entries.json'), 'utf8'));
const PROBES = (process.env.PROBES ?? '').split('|').filter(Boolean);
describe('scratch', () => {
  let t: TestApp; let member: string; const slug = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestApp();
    const tree = await createTree(t.db);
    const editor = await tokenFor(t, 'editor', tree.province);
    member = await tokenFor(t, 'member', tree.branchA);
    for (const e of ENTRIES) {
      const r = await t.http().post('/api/faqs').set('Authorization', `Bearer ${editor}`).send({ committeeId: tree.province.id, question: e.question, answer: e.answer, category: e.category, keywords: e.keywords, published: true });
      slug.set(r.body.id, e.id);
    }
  }, 120000);
  afterAll(async () => t?.close());
  it('probes', async () => {
    const out: string[] = [];
    for (const q of PROBES) {
      const r = await t.http().get('/api/faqs/answer').query({ q }).set('Authorization', `Bearer ${member}`);
      out.push(`${r.body.answered ? 'YES' : ' no'} "${q}" ` + (r.body.matches ?? []).slice(0, 3).map((m: any) => `${slug.get(m.id)}:${m.score}`).join(' ') + (r.status !== 200 ? JSON.stringify(r.body) : ''));
    }
    console.log(out.join('\n'));
  });
});
