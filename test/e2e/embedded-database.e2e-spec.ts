import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp } from '../support/test-app.js';

/** The default for a newcomer: no DATABASE_URL, data kept under DATA_DIR. */
describe('the embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sotay-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { DATABASE_URL: '', PGLITE_DATA_DIR: '', DATA_DIR: join(dataDir, 'nested', 'data') };

  it('creates DATA_DIR, keeps the data across a restart, and closes cleanly', async () => {
    const first = await createTestApp(env);
    const health = await first.http().get('/api/health').expect(200);
    expect(health.body.database.kind).toBe('embedded');
    await first.db.query(`INSERT INTO committees (id, name, code, kind, path) VALUES (900, 'Tỉnh ủy Bền vững', 'KEEP', 'province', '900')`);
    await first.close();
    expect(existsSync(join(dataDir, 'nested', 'data', 'pglite'))).toBe(true);

    const second = await createTestApp(env);
    try {
      const rows = await second.db.query(`SELECT name FROM committees WHERE code = 'KEEP'`);
      expect(rows).toEqual([{ name: 'Tỉnh ủy Bền vững' }]);
      const migrations = await second.db.query(`SELECT count(*)::int AS n FROM migrations`);
      expect(migrations[0].n).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});
