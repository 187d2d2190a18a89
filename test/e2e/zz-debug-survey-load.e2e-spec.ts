import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createTree } from '../factories/index.js';
import { createMemberAccounts, createSurvey } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => t?.close());

it('debug load', async () => {
  const tree = await createTree(t.db);
  const s = await createSurvey(t.db, tree.districtA, { questions: [{ type: 'single', required: true, options: ['A', 'B', 'C'] }, { type: 'rating', required: true }] });
  let t0 = Date.now();
  const members = await createMemberAccounts(t.app, t.db, [tree.branchA], Number(process.env.N ?? 100));
  console.log('accounts', Date.now() - t0);
  t0 = Date.now();
  let next = 0; let done = 0;
  const conc = Number(process.env.C ?? 50);
  await Promise.all(Array.from({ length: conc }, async () => {
    while (next < members.length) {
      const m = members[next++];
      const r = await t.http().post(`/api/surveys/${s.id}/responses`).set('Authorization', `Bearer ${m.token}`).send({ answers: [{ questionId: s.questions[0].id, optionIds: [s.questions[0].options[0].id] }, { questionId: s.questions[1].id, value: 3 }] });
      if (r.status !== 201) console.log(r.status, r.body);
      if (++done % 50 === 0) console.log('done', done, Date.now() - t0);
    }
  }));
  console.log('total', Date.now() - t0);
  expect(done).toBe(members.length);
}, 900_000);
