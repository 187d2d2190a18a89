import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { RequestDeadline, RequestTimeoutError, runWithDeadline } from '../../src/common/request-timeouts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Raw SQL outside a transaction runs on a pooled connection directly (src/database/direct-queries.ts):
 * the repositories must get what TypeORM's query runner gave them, and the request's bounds
 * (src/database/query-bounds.ts) must still hold on that path.
 */
describe('raw SQL outside a transaction (direct-queries.ts)', () => {
  let t: TestApp;
  const pool = () => (t.db.driver as PostgresDriver).master as { totalCount: number; idleCount: number; waitingCount: number };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('answers rows for a SELECT, [rows, count] for an UPDATE and a DELETE, as TypeORM did', async () => {
    await expect(t.db.query('SELECT $1::int AS n, $2::text AS s', [7, 'Thái Nguyên'])).resolves.toEqual([{ n: 7, s: 'Thái Nguyên' }]);
    await expect(t.db.manager.query(`UPDATE committees SET name = name WHERE id = -1`)).resolves.toEqual([[], 0]);
    await expect(t.db.manager.query(`DELETE FROM committees WHERE id = -1 RETURNING id`)).resolves.toEqual([[], 0]);
  });

  it('fails with a QueryFailedError carrying the SQLSTATE, and the pool goes on serving', async () => {
    const err = await t.db.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as { code?: string }).code).toBe('42P01');
    await expect(t.db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    expect(pool().totalCount - pool().idleCount).toBe(0); // every connection given back
  });

  it("refuses a statement of a request whose deadline has passed (the request's bounds apply)", async () => {
    const deadline = new RequestDeadline(Date.now());
    deadline.abort(new RequestTimeoutError(1));
    const err = await runWithDeadline(deadline, () => t.db.query('SELECT 1')).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('57014');
    expect(pool().totalCount - pool().idleCount).toBe(0);
  });

  it('leaves statements inside a transaction to the transaction', async () => {
    await t.db
      .transaction(async (tx) => {
        await tx.query(`CREATE TABLE dq_rolled_back (n int)`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await expect(t.db.query(`SELECT to_regclass('dq_rolled_back') AS t`)).resolves.toEqual([{ t: null }]);
  });
});
