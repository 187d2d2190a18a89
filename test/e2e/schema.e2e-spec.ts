import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import { schemaDiff } from '../../src/database/schema-diff.js';
import { ENTITIES } from '../../src/entities.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  /**
   * Runs `work` and tells the most statements that were in flight at once on one connection of the
   * pool: more than one is what pg 8 warns about ("Calling client.query() when the client is already
   * executing a query is deprecated") and pg 9 will refuse.
   */
  const mostInFlightPerConnection = async <T>(work: () => Promise<T>): Promise<{ result: T; most: number }> => {
    const pool = (t.db.driver as unknown as { master: pg.Pool }).master;
    let most = 0;
    const restore: (() => void)[] = [];
    const onAcquire = (client: pg.PoolClient) => {
      const query = client.query as (...args: unknown[]) => unknown;
      let inFlight = 0;
      const done = () => void inFlight--;
      client.query = function (this: pg.PoolClient, ...args: unknown[]) {
        most = Math.max(most, ++inFlight);
        const answer = query.apply(this, args);
        if (answer instanceof Promise) answer.then(done, done);
        else done();
        return answer;
      } as typeof client.query;
      restore.push(() => (client.query = query as typeof client.query));
    };
    pool.on('acquire', onAcquire);
    try {
      return { result: await work(), most };
    } finally {
      pool.off('acquire', onAcquire);
      for (const undo of restore) undo();
    }
  };

  const tables = async () =>
    (await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r: any) => r.tablename);

  it('serve the entities that the modules declare, the same as the list the CLI and the schema check read', async () => {
    // each module declares its tables (TypeOrmModule.forFeature); src/entities.ts lists them for ormconfig.ts
    const loaded = t.db.entityMetadatas.map((m) => m.tableName).sort();
    const listed = ENTITIES.map((e) => t.db.getMetadata(e).tableName).sort();
    expect(loaded).toEqual(listed);
    expect(new Set(loaded).size).toBe(ENTITIES.length);
  });

  it('build exactly the schema the entities describe', async () => {
    const { result: diff, most } = await mostInFlightPerConnection(() => schemaDiff(t.db));
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
    // the check reads the schema one statement at a time on its connection
    expect(most).toBe(1);
  });

  it('can be reverted and applied again', async () => {
    expect(await tables()).toEqual(expect.arrayContaining(['committees', 'members', 'users', 'auth_sessions']));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM migrations`);
    expect(n).toBe(t.db.migrations.length);
    for (let i = 0; i < n; i++) await t.db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    await t.db.runMigrations({ transaction: 'each' });
    expect((await schemaDiff(t.db)).upQueries).toEqual([]);
  });

  it('make the search diacritics-insensitive', async () => {
    const [{ v }] = await t.db.query(`SELECT f_unaccent('Nguyễn Văn Đức, ĐẢNG BỘ Hóa Thượng') AS v`);
    expect(v).toBe('nguyen van duc, dang bo hoa thuong');
  });
});
