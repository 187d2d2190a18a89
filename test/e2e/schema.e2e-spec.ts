import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENTITIES } from '../../src/entities.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

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
    const diff = await t.db.driver.createSchemaBuilder().log();
    expect(diff.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can be reverted and applied again', async () => {
    expect(await tables()).toEqual(expect.arrayContaining(['committees', 'members', 'users', 'auth_sessions']));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM migrations`);
    expect(n).toBe(t.db.migrations.length);
    for (let i = 0; i < n; i++) await t.db.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    await t.db.runMigrations({ transaction: 'each' });
    expect((await t.db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('make the search diacritics-insensitive', async () => {
    const [{ v }] = await t.db.query(`SELECT f_unaccent('Nguyễn Văn Đức, ĐẢNG BỘ Hóa Thượng') AS v`);
    expect(v).toBe('nguyen van duc, dang bo hoa thuong');
  });
});
