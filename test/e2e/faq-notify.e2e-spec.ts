import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DatabaseServer } from '../../src/database/database.module.js';
import { LISTEN_APPLICATION_NAME } from '../../src/database/notifications.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * What a question costs in SQL, and how the entries kept in memory learn of a change without
 * reading the database at every question: on a PostgreSQL server, LISTEN/NOTIFY on a dedicated
 * connection (src/database/notifications.ts); on the embedded database, where NOTIFY does not reach
 * another connection, a read of the one-row FAQ revision per question.
 */
describe('FAQ answers: SQL per question and change notifications', () => {
  let t: TestApp;
  let editor: string;
  let member: string;
  let url: string;
  const embedded = !process.env.DATABASE_URL;
  const statements: string[] = [];

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ask = (q: string, token = member) => t.http().get('/api/faqs/answer').query({ q }).set(auth(token));
  const ids = (res: { body: { matches: { id: string }[] } }) => res.body.matches.map((m) => m.id);
  /** The SQL statements the application ran during `work` (every statement goes through TypeORM's query runner). */
  const sqlDuring = async (work: () => Promise<unknown>) => {
    statements.length = 0;
    await work();
    return statements.map((s) => s.replace(/\s+/g, ' ').trim());
  };
  const isTokenCheck = (sql: string) => /FROM users u JOIN auth_sessions s/.test(sql);
  /** Waits for what a notification brings (delivered asynchronously, at the writer's commit). */
  async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not seen within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  const listener = async () =>
    (
      await t.db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [
        LISTEN_APPLICATION_NAME,
      ])
    )[0] as { pid: number } | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    const tree = await createTree(t.db);
    editor = await tokenFor(t, 'editor', tree.province);
    member = await tokenFor(t, 'member', tree.branchA);
    url = t.app.get(DatabaseServer).url;
    const logger = t.db.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return logQuery(query, parameters, runner);
    };
    await t
      .http()
      .post('/api/faqs')
      .set(auth(editor))
      .send({
        committeeId: tree.province.id,
        question: 'Mức đóng đảng phí hằng tháng là bao nhiêu?',
        answer: 'Đảng viên hưởng lương đóng 1% tiền lương hằng tháng.',
        category: 'Đảng phí',
        keywords: ['đóng đảng phí bao nhiêu'],
        published: true,
      })
      .expect(201);
    if (!embedded) await eventually(async () => (await listener()) !== undefined);
  });
  afterAll(async () => t?.close());

  it('runs no SQL for an answered question beyond the token check (on the embedded database, one read of the FAQ revision)', async () => {
    expect((await ask('đóng đảng phí bao nhiêu').expect(200)).body.answered).toBe(true); // builds the index
    const sql = await sqlDuring(async () => expect((await ask('dong dang phi bao nhieu').expect(200)).body.answered).toBe(true));
    expect(sql.filter(isTokenCheck)).toHaveLength(1);
    expect(sql.filter((s) => !isTokenCheck(s))).toEqual(embedded ? ['SELECT revision::text AS revision FROM faq_revision'] : []);
  });

  it('adds one statement for a question without a confident answer: it joins the editors’ queue', async () => {
    const sql = await sqlDuring(async () => expect((await ask('lịch tiêm chủng cho trẻ em').expect(200)).body.answered).toBe(false));
    const others = sql.filter((s) => !isTokenCheck(s) && !/FROM faq_revision/.test(s));
    expect(others).toHaveLength(1);
    expect(others[0]).toMatch(/^INSERT INTO unanswered_questions/);
  });

  it(
    embedded
      ? 'on the embedded database, a NOTIFY reaches the connection that sent it, not the one listening: hence the revision read'
      : 'on a PostgreSQL server, a NOTIFY reaches the connection listening',
    async () => {
      const listening = new pg.Client({ connectionString: url });
      const sending = new pg.Client({ connectionString: url });
      await listening.connect();
      await sending.connect();
      const heard: string[] = [];
      listening.on('notification', (n) => heard.push(`listening:${n.payload}`));
      sending.on('notification', (n) => heard.push(`sending:${n.payload}`));
      try {
        await listening.query('LISTEN faq_probe');
        await sending.query(`NOTIFY faq_probe, 'x'`);
        await new Promise((r) => setTimeout(r, 300));
        await listening.query('SELECT 1');
        expect(heard).toEqual([embedded ? 'sending:x' : 'listening:x']);
      } finally {
        await listening.end();
        await sending.end();
      }
    },
  );

  it('sees a change another process commits (a direct write) at its next questions, through the notification', async () => {
    const q = 'chi bo co di tham quan di tich lich su khong';
    const [made] = await t.db.query(
      `INSERT INTO faqs (committee_id, question, answer, category, keywords, published)
       SELECT committee_id, 'Chi bộ có tổ chức tham quan di tích lịch sử không?', 'Có, theo kế hoạch của chi bộ.', 'Sinh hoạt', '{"đi tham quan di tích"}', true
         FROM faqs LIMIT 1 RETURNING id`,
    );
    await eventually(async () => ids(await ask(q).expect(200))[0] === made.id);
    await t.db.query(`UPDATE faqs SET published = false WHERE id = $1`, [made.id]);
    await eventually(async () => !ids(await ask(q).expect(200)).includes(made.id));
    // and the questions after it read nothing again
    const sql = await sqlDuring(() => ask(q).expect(200));
    expect(sql.filter((s) => /faq/.test(s) && !/unanswered_questions/.test(s))).toEqual(
      embedded ? ['SELECT revision::text AS revision FROM faq_revision'] : [],
    );
  });

  (embedded ? it.skip : it)(
    'falls back to reading the revision while the LISTEN connection is down, and stops once it is back',
    async () => {
      const q = 'chi bo co to chuc hoi thao ve lich su dang khong';
      const before = await listener();
      expect(before).toBeDefined();
      await t.db.query(`SELECT pg_terminate_backend($1)`, [before!.pid]);
      // a change while nobody listens: no notification will ever tell this process
      const [made] = await t.db.query(
        `INSERT INTO faqs (committee_id, question, answer, category, keywords, published)
         SELECT committee_id, 'Chi bộ có tổ chức hội thảo về lịch sử Đảng không?', 'Có.', 'Sinh hoạt', '{}', true FROM faqs LIMIT 1 RETURNING id`,
      );
      // once the process knows the connection dropped, it reads the revision and sees the change
      await eventually(async () => ids(await ask(q).expect(200))[0] === made.id);
      // reconnected: LISTEN again, and questions stop reading the revision
      await eventually(async () => {
        const now = await listener();
        return now !== undefined && now.pid !== before!.pid;
      });
      await eventually(async () => (await sqlDuring(() => ask(q).expect(200))).every((s) => !/faq_revision/.test(s)));
      await t.db.query(`DELETE FROM faqs WHERE id = $1`, [made.id]);
      await eventually(async () => !ids(await ask(q).expect(200)).includes(made.id));
    },
    30_000,
  );
});
