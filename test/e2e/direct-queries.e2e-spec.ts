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
  /**
   * The connections still checked out once the app's own background work has given its back: the
   * startup tasks the app does not wait for (the purge of expired notifications, the check of the
   * password hashes' costs) may hold one for a moment on a loaded machine (CI). A connection the
   * statements under test kept stays out, and fails the test.
   */
  const checkedOut = async () => {
    for (let i = 0; i < 40 && pool().totalCount - pool().idleCount > 0; i++) await new Promise((r) => setTimeout(r, 50));
    return pool().totalCount - pool().idleCount;
  };

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
    expect(await checkedOut()).toBe(0); // every connection given back
  });

  it("refuses a statement of a request whose deadline has passed (the request's bounds apply)", async () => {
    const deadline = new RequestDeadline(Date.now());
    deadline.abort(new RequestTimeoutError(1));
    const err = await runWithDeadline(deadline, () => t.db.query('SELECT 1')).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('57014');
    expect(await checkedOut()).toBe(0);
  });

  it('gives every checkout of a request the one release function, not a closure of its own (docs/scaling.md, finding 16)', async () => {
    // a closure per checkout kept the request's callback, and all it reached, alive past the
    // request: the young generation promoted ~1.5 MB of finished requests per scavenge
    const connections = (t.db.driver as PostgresDriver).master as { connect(): Promise<{ release(err?: Error | boolean): void }> };
    const deadline = new RequestDeadline(Date.now() + 60_000);
    const releases: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const client = await runWithDeadline(deadline, () => connections.connect());
      releases.push(client.release);
      client.release();
    }
    expect(new Set(releases).size).toBe(1);
    expect(await checkedOut()).toBe(0); // each checkout given back
    await expect(t.db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
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

  const onServer = process.env.DATABASE_URL ? it : it.skip;
  const backends = async () =>
    ((await t.db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)) as { pid: number }[]).map((r) => r.pid);

  onServer("cancels a request's running statement when it times out, and closes its connection", async () => {
    const deadline = new RequestDeadline(Date.now() + 60_000);
    const started = Date.now();
    const running = runWithDeadline(deadline, () => t.db.query('SELECT pg_backend_pid() AS pid, pg_sleep(20)')).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    deadline.abort(new RequestTimeoutError(300));
    const err = await running;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as { code?: string }).code).toBe('57014'); // query_canceled, by the server
    expect(await checkedOut()).toBe(0);
  });

  onServer('cancels a statement sent under a deadline on a connection checked out before it, and closes that connection', async () => {
    const client = await (t.db.driver as PostgresDriver).master.connect();
    const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
    const deadline = new RequestDeadline(Date.now() + 60_000);
    const running = runWithDeadline(deadline, () => client.query('SELECT pg_sleep(20)')).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    deadline.abort(new RequestTimeoutError(300));
    expect(((await running) as { code?: string }).code).toBe('57014');
    client.release();
    for (let i = 0; i < 50 && (await backends()).includes(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await backends()).not.toContain(pid); // the connection was closed, not given back to the pool
  });

  onServer(
    "bounds a statement that waited for a connection by its own request's deadline, not by the one that gave the connection back",
    async () => {
      // pg-pool hands a waiting request its connection from inside another's release: the statement it
      // then sends must still be cancelled when its own request times out
      const master = (t.db.driver as PostgresDriver).master as unknown as {
        options: { max: number };
        connect(): Promise<{ release(err?: boolean): void }>;
      };
      const held: { release(err?: boolean): void }[] = [];
      for (let i = 0; i < master.options.max; i++) held.push(await master.connect());
      const mine = new RequestDeadline(Date.now() + 60_000);
      const other = new RequestDeadline(Date.now() + 60_000);
      const started = Date.now();
      const waiting = runWithDeadline(mine, () => t.db.query('SELECT pg_sleep(20)')).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      expect(pool().waitingCount).toBe(1);
      runWithDeadline(other, () => held.pop()!.release());
      await new Promise((r) => setTimeout(r, 300));
      mine.abort(new RequestTimeoutError(300));
      const err = await waiting;
      for (const c of held) c.release();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((err as { code?: string }).code).toBe('57014'); // query_canceled, by the server
      expect(other.aborted).toBe(false);
    },
  );

  onServer('lets a statement that is still working run past the liveness probe, on the same connection', async () => {
    const deadline = new RequestDeadline(Date.now() + 60_000);
    const client = await runWithDeadline(deadline, () => (t.db.driver as PostgresDriver).master.connect());
    try {
      const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
      // past PROBE_AFTER_MS and the probe's first answer ("active"), well before its second look
      const rows = await runWithDeadline(deadline, () => client.query('SELECT pg_sleep(1.6), pg_backend_pid() AS pid'));
      expect((rows.rows as { pid: number }[])[0].pid).toBe(pid);
    } finally {
      client.release();
    }
    expect(await checkedOut()).toBe(0);
  });
});
