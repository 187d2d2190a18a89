import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from '../../src/bootstrap.js';
import { openEmbedded } from '../../src/database/embedded-postgres.js';
import { appOpen, at, daysAgo, sendEvents, view } from '../factories/analytics.js';
import { createDocument } from '../factories/content.js';
import { createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createSurvey } from '../factories/surveys.js';
import { ensureBuilt } from '../faults/server-process.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { tableDigests, type TableDigests } from '../support/table-digests.js';

/**
 * `npm run db:backup` and `npm run db:restore` (the built scripts, as the README runs them): a
 * small register seeded through the factories and the API is backed up, restored into a fresh
 * database, and every table of the copy has the same rows as the original. Against the server
 * of DATABASE_URL (pg_dump/pg_restore) or, without it, the embedded database (its folder as a tarball).
 */

const SERVER = process.env.DATABASE_URL;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

function run(script: 'db-backup' | 'db-restore', args: string[], env: Record<string, string | undefined>) {
  const { DATABASE_URL: _server, NODE_OPTIONS: _jest, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/scripts', `${script}.js`), ...args], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...env } as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A small register touching most tables: the tree, members, accounts and sessions, content, a survey answer, usage events, a device, a correction, audit lines. */
async function seed(t: TestApp): Promise<void> {
  const tree = await createTree(t.db);
  for (const [i, committee] of [tree.branchA, tree.branchA, tree.branchB, tree.grassA].entries()) {
    await createMember(t.db, committee, { fullName: `Đảng viên sao lưu ${i + 1}`, phone: `091234567${i}` });
  }
  const admin = await tokenFor(t, 'admin', null);
  await t
    .http()
    .post('/api/committees')
    .set(auth(admin))
    .send({ name: 'Chi bộ Sao lưu', code: 'BACKUP-01', kind: 'branch', parentId: tree.grassB.id })
    .expect(201);
  await t
    .http()
    .post('/api/trainings')
    .set(auth(admin))
    .send({ committeeId: tree.districtA.id, heldOn: '2024-05-10', topic: 'Tập huấn sử dụng Sổ tay', attendees: 45 })
    .expect(201);
  await createNews(t.db, tree.districtA);
  const document = await createDocument(t.db, tree.districtA);
  const survey = await createSurvey(t.db, tree.grassA);

  const member = await createUser(t.db, 'member', tree.branchA);
  const token = (await login(t.http, member)).accessToken;
  await t
    .http()
    .post('/api/me/devices')
    .set(auth(token))
    .send({ deviceId: 'backup-device-0001', platform: 'ios', appVersion: '3.0.0' })
    .expect(201);
  await t
    .http()
    .put(`/api/me/bookmarks/${document.id}`)
    .set(auth(token))
    .send({})
    .expect((r) => expect(r.status).toBeLessThan(300));
  const question = survey.questions[0];
  await t
    .http()
    .post(`/api/me/surveys/${survey.id}/responses`)
    .set(auth(token))
    .send({ answers: [{ questionId: question.id, optionIds: [question.options[1].id] }] })
    .expect(201);
  await t
    .http()
    .post('/api/me/corrections')
    .set(auth(token))
    .send({ changes: { phone: '0987654321' }, reason: 'Đổi số điện thoại' })
    .expect(201);
  const day = daysAgo(1);
  await sendEvents(t.http, token, [appOpen(at(day, '07:30')), view('document', document.id, at(day, '07:31'))]).expect(202);
}

describe(`db:backup and db:restore (${SERVER ? 'PostgreSQL: pg_dump and pg_restore' : 'embedded database: its folder as a tarball'})`, () => {
  let dir: string;
  let t: TestApp | undefined;
  let original: TableDigests;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'sotay-backup-'));
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    for (const cleanup of cleanups) await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectFaithfulCopy = (copy: TableDigests) => {
    expect(Object.keys(copy).sort()).toEqual(Object.keys(original).sort());
    expect(copy).toEqual(original);
  };

  if (SERVER) {
    it('backs up a live database, restores it into a new one with every row, and refuses to restore over data', async () => {
      t = await createTestApp();
      await seed(t);
      const source = t.config.DATABASE_URL!;
      const query = (sql: string) => t!.db.query(sql);
      original = await tableDigests(query);
      expect(Object.values(original).filter((d) => d.rows > 0).length).toBeGreaterThanOrEqual(20);

      const file = join(dir, 'sotay.dump');
      const backup = run('db-backup', [file], { DATABASE_URL: source });
      expect(backup).toMatchObject({ status: 0 });
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
      expect(await tableDigests(query)).toEqual(original); // the backup itself wrote nothing

      // a database that does not exist yet: the restore creates it
      const target = new URL(source);
      target.pathname = `${target.pathname}_restored`;
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: SERVER });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${target.pathname.slice(1)}" WITH (FORCE)`);
        await c.end();
      });
      const restore = run('db-restore', [file], { DATABASE_URL: target.toString() });
      expect(restore).toMatchObject({ status: 0 });
      expect(restore.output).toMatch(/created database/);

      const copy = new pg.Client({ connectionString: target.toString() });
      await copy.connect();
      try {
        const copyQuery = async (sql: string) => (await copy.query(sql)).rows;
        expectFaithfulCopy(await tableDigests(copyQuery));

        // a second restore into it is refused and leaves it as it was
        const again = run('db-restore', [file], { DATABASE_URL: target.toString() });
        expect(again.status).toBe(1);
        expect(again.output).toMatch(/is not empty/);
        expectFaithfulCopy(await tableDigests(copyQuery));
      } finally {
        await copy.end();
      }

      // an existing file is never overwritten
      const overwrite = run('db-backup', [file], { DATABASE_URL: source });
      expect(overwrite.status).toBe(1);
      expect(overwrite.output).toMatch(/exists/);
    }, 180_000);
  } else {
    it('refuses while the server holds the folder, backs up a stopped one, and restores it into an empty folder with every row', async () => {
      const dataDir = join(dir, 'pglite');
      t = await createTestApp({ PGLITE_DATA_DIR: dataDir, DATA_DIR: dir });
      await seed(t);
      original = await tableDigests((sql) => t!.db.query(sql));
      expect(Object.values(original).filter((d) => d.rows > 0).length).toBeGreaterThanOrEqual(20);

      // one process at a time: while the app has the folder open, the backup refuses
      const file = join(dir, 'sotay.tar.gz');
      const busy = run('db-backup', [file], { PGLITE_DATA_DIR: dataDir });
      expect(busy.status).toBe(1);
      expect(busy.output).toMatch(/is open/);
      expect(existsSync(file)).toBe(false);

      await t.close();
      t = undefined;
      const backup = run('db-backup', [file], { PGLITE_DATA_DIR: dataDir });
      expect(backup).toMatchObject({ status: 0 });
      expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

      const restoredDir = join(dir, 'restored', 'pglite');
      const restore = run('db-restore', [file], { PGLITE_DATA_DIR: restoredDir });
      expect(restore).toMatchObject({ status: 0 });

      // into a folder that holds a database: refused
      const again = run('db-restore', [file], { PGLITE_DATA_DIR: restoredDir });
      expect(again.status).toBe(1);
      expect(again.output).toMatch(/is not empty/);

      const copy = await openEmbedded(restoredDir);
      try {
        expectFaithfulCopy(await tableDigests(async (sql) => (await copy.query<Record<string, unknown>>(sql)).rows));
      } finally {
        await copy.close();
      }
    }, 180_000);
  }
});
