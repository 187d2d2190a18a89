import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Outside review II: 20 concurrent exports by one admin filled the 10-connection pool, and
 * members' event batches got 503 "The database is unavailable" while PostgreSQL was up. Long work
 * now runs behind bulkheads (common/long-work.ts): a few jobs per account, and a share of the pool
 * that all of them together never exceed, so that members' requests keep their connections.
 */
describe("bulkheads: exports running beside members' traffic", () => {
  let t: TestApp;
  let admin: string;
  const members: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ DB_POOL_SIZE: '10', RATE_LIMIT_WRITES: '1000000' });
    const tree = await createTree(t.db);
    // a register big enough that an export holds its connection for a while
    await t.db.query(
      `INSERT INTO members (full_name, gender, birth_date, status, admitted_at, official_at, party_card_number, committee_id)
       SELECT 'Đảng viên ' || g, 'male', DATE '1980-05-01', 'official', DATE '2005-03-02', DATE '2006-03-02', 'BULK' || g, $1
         FROM generate_series(1, 3000) g`,
      [tree.branchA.id],
    );
    admin = await tokenFor(t, 'admin', null);
    for (let i = 0; i < 4; i++) members.push((await login(t.http, await createUser(t.db, 'member', tree.branchA))).accessToken);
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers 20 exports at once by one account with a few files and 429 TOO_MANY_CONCURRENT_JOBS, while every member batch is stored', async () => {
    const exports = Array.from({ length: 20 }, () =>
      t.http().get('/api/members/export?format=csv').set('Authorization', `Bearer ${admin}`),
    );
    const batches = members.map(async (token) => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t
          .http()
          .post('/api/me/events')
          .set('Authorization', `Bearer ${token}`)
          .send({ events: [{ id: randomUUID(), type: 'app_open', occurredAt: new Date().toISOString() }] });
        statuses.push(res.status);
      }
      return statuses;
    });
    const [exported, sent] = await Promise.all([Promise.all(exports), Promise.all(batches)]);

    // every member batch was taken
    expect(sent.flat().filter((s) => s < 200 || s >= 300)).toEqual([]);
    // the account got files, and was told to wait for the rest
    const files = exported.filter((r) => r.status === 200);
    const refused = exported.filter((r) => r.status !== 200);
    expect(files.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect({ status: r.status, code: r.body.code }).toEqual({ status: 429, code: 'TOO_MANY_CONCURRENT_JOBS' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    // and once they are done it exports again
    await t.http().get('/api/members/export?format=csv').set('Authorization', `Bearer ${admin}`).expect(200);
  }, 120_000);
});
