import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { DemoSeedService } from '../../src/demo/demo-seed.service.js';
import { analyticsDiscrepancies, daysAgo, SESSIONIZED } from '../factories/analytics.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the demo province and the first accounts', () => {
  let t: TestApp;
  const counts = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM committees)::int AS committees, (SELECT count(*) FROM members)::int AS members,
                (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM documents)::int AS documents,
                (SELECT count(*) FROM news_items)::int AS news, (SELECT count(*) FROM faqs)::int AS faqs,
                (SELECT count(*) FROM surveys)::int AS surveys, (SELECT count(*) FROM access_events)::int AS events,
                (SELECT count(*) FROM meetings)::int AS meetings, (SELECT count(*) FROM meeting_attendance)::int AS attendance,
                (SELECT count(*) FROM notifications)::int AS notifications`,
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true', DEMO_MEMBERS: '400', ADMIN_USERNAME: 'QuanTri', ADMIN_PASSWORD: 'Mot-mat-khau-dai' });
  });
  afterAll(async () => t?.close());

  it('seeds Thái Nguyên: the province, its 16 subordinate committees and the members', async () => {
    const byKind = await t.db.query(`SELECT kind, count(*)::int AS n FROM committees GROUP BY kind`);
    const n = Object.fromEntries(byKind.map((r: any) => [r.kind, r.n]));
    expect(n.province).toBe(1);
    expect(n.subordinate).toBe(16);
    expect(n.branch).toBeGreaterThan(0);
    expect((await counts()).members).toBe(400);
  });

  it('records the rollout history: a trial, then live from 1-1-2022', async () => {
    const rows = await t.db.query(
      `SELECT from_phase, to_phase, started_on::text AS started_on FROM committee_phase_changes
        WHERE committee_id = (SELECT id FROM committees WHERE code = 'TN') ORDER BY changed_at`,
    );
    expect(rows).toEqual([
      { from_phase: 'not_started', to_phase: 'trial', started_on: '2021-11-01' },
      { from_phase: 'trial', to_phase: 'live', started_on: '2022-01-01' },
    ]);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a.role]))('lets the demo account %s log in as %s', async (username, role) => {
    const res = await t.http().post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
    expect(res.body.user.role).toBe(role);
  });

  it('scopes the demo secretary to one branch', async () => {
    const { body } = await t.http().post('/api/auth/login').send({ username: 'bithu', password: DEMO_PASSWORD }).expect(200);
    const list = await t.http().get('/api/committees').set('Authorization', `Bearer ${body.accessToken}`).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0].kind).toBe('branch');
  });

  it('creates the configured admin account once, username case-insensitive', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'quantri', password: 'Mot-mat-khau-dai' }).expect(200);
    expect(res.body.user).toMatchObject({ role: 'admin', committeeId: null });
  });

  it('gives the demo member something to read: documents, news, answers to questions and an open survey', async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'dangvien', password: DEMO_PASSWORD }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const documents = (await t.http().get('/api/me/documents').set(auth).expect(200)).body.items;
    expect(documents.map((d: { title: string }) => d.title)).toContain('Hướng dẫn cài đặt và sử dụng Sổ tay Đảng viên điện tử');
    expect(documents.length).toBeGreaterThanOrEqual(6);
    const news = (await t.http().get('/api/me/news').set(auth).expect(200)).body.items;
    expect(news.length).toBeGreaterThanOrEqual(6);
    // newest first; the sourced ones name their outlet
    expect(news[0].title).toBe('Triển khai Sổ tay Đảng viên điện tử đến toàn bộ các chi bộ trong tỉnh');
    expect(news.some((n: { sourceName: string | null }) => n.sourceName === 'Báo Thái Nguyên')).toBe(true);
    const answer = (await t.http().get('/api/faqs/answer').query({ q: 'dong dang phi bao nhieu' }).set(auth).expect(200)).body;
    expect(answer.answered).toBe(true);
    expect(answer.matches[0].question).toMatch(/đảng phí/i);
    const surveys = (await t.http().get('/api/me/surveys').set(auth).expect(200)).body.items;
    expect(surveys.map((s: { title: string }) => s.title)).toEqual(['Khảo sát việc sử dụng Sổ tay Đảng viên điện tử']);
    const survey = (await t.http().get(`/api/me/surveys/${surveys[0].id}`).set(auth).expect(200)).body;
    expect(survey.questions.map((q: { type: string }) => q.type)).toEqual(['single', 'multiple', 'rating', 'long_text']);
  });

  it("fills the demo member's inbox: the province's bulletins, new documents and news, their branch's meetings; unread first", async () => {
    const login = await t.http().post('/api/auth/login').send({ username: 'dangvien', password: DEMO_PASSWORD }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const inbox = (await t.http().get('/api/me/notifications').query({ limit: 50 }).set(auth).expect(200)).body.items as {
      kind: string;
      title: string;
      read: boolean;
    }[];
    const kinds = new Set(inbox.map((n) => n.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['bulletin', 'document_published', 'meeting_scheduled', 'news_published']));
    expect(inbox.find((n) => n.kind === 'bulletin')!.title).toBe('Thông báo lịch học tập, quán triệt Nghị quyết Đại hội XIV của Đảng');
    const unread = (await t.http().get('/api/me/notifications/unread-count').set(auth).expect(200)).body;
    expect(unread.count).toBeGreaterThan(0);
    // the staff list of bulletins shows the province's
    const admin = await t.http().post('/api/auth/login').send({ username: 'tinhuy', password: DEMO_PASSWORD }).expect(200);
    const bulletins = await t
      .http()
      .get('/api/bulletins')
      .set({ Authorization: `Bearer ${admin.body.accessToken}` })
      .expect(200);
    expect(bulletins.body).toHaveLength(4);
  });

  it("starts with 90 days of app use, recorded through the ingestion: the dashboard's visits agree with the raw events", async () => {
    const token = (await t.http().post('/api/auth/login').send({ username: 'tinhuy', password: DEMO_PASSWORD }).expect(200)).body
      .accessToken;
    const [province] = await t.db.query(`SELECT id FROM committees WHERE code = 'TN'`);
    const [raw] = await t.db.query(
      `SELECT count(*) FILTER (WHERE type = 'app_open')::int AS opens, count(*) FILTER (WHERE type = 'view')::int AS views,
              count(DISTINCT member_id)::int AS members, min(occurred_at) AS first, max(occurred_at) AS last FROM access_events`,
    );
    // 400 members, ~86% installed, 0.047 openings per member per day: ~1,450 over 90 days
    expect(raw.opens).toBeGreaterThan(700);
    expect(raw.opens).toBeLessThan(3000);
    expect(raw.views).toBeGreaterThan(raw.opens / 2);
    expect(raw.members).toBeGreaterThan(200);
    expect(new Date(raw.last).getTime()).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - new Date(raw.first).getTime()).toBeLessThanOrEqual(91 * 86_400_000);
    const visits = (
      await t
        .http()
        .get(`/api/analytics/visits?committeeId=${province.id}&from=${daysAgo(91)}`)
        .set({ Authorization: `Bearer ${token}` })
        .expect(200)
    ).body;
    // visits are sessions (30 minutes without activity start a new one), recounted from the raw events
    const [{ sessions }] = await t.db.query(`SELECT sum(visit)::int AS sessions FROM (${SESSIONIZED}) e`);
    expect(visits.total.visits).toBe(sessions);
    expect(sessions).toBeGreaterThan(raw.opens / 2);
    expect(sessions).toBeLessThanOrEqual(raw.opens + raw.views);
    const members = await t.db.query(
      `SELECT DISTINCT m.installed_at IS NOT NULL AS installed FROM access_events e JOIN members m ON m.id = e.member_id`,
    );
    expect(members).toEqual([{ installed: true }]);
    // a hundred members per ingestion statement: every counter agrees with a recount of the raw events
    expect(await analyticsDiscrepancies(t.db)).toEqual([]);
  });

  it('shows a recent rollout wave: the install curve of the last 30 days rises at the province and in the police committee', async () => {
    const token = (await t.http().post('/api/auth/login').send({ username: 'tinhuy', password: DEMO_PASSWORD }).expect(200)).body
      .accessToken;
    const timeline = async (code: string) => {
      const [c] = await t.db.query(`SELECT id FROM committees WHERE code = $1`, [code]);
      return (
        await t
          .http()
          .get(`/api/analytics/install-rates/timeline?committeeId=${c.id}&from=${daysAgo(29)}`)
          .set({ Authorization: `Bearer ${token}` })
          .expect(200)
      ).body;
    };
    const province = await timeline('TN');
    const police = await timeline('TN-CA');
    expect(province.series).toHaveLength(30);
    // nothing installed in the police committee before its approval three weeks ago; most since
    expect(police.series[0].installed).toBe(0);
    expect(police.series.at(-1).rate).toBeGreaterThan(0.4);
    expect(police.series.filter((p: { installs: number }) => p.installs > 0).length).toBeGreaterThanOrEqual(3);
    // the province's curve is not flat: more installed at the end of the window than at its start
    const gained = province.series.at(-1).installed - province.series[0].installed;
    expect(gained).toBeGreaterThanOrEqual(police.series.at(-1).installed);
    expect(province.series.at(-1).rate).toBeGreaterThan(province.series[0].rate);
    // the phase history: on hold since 2022, live since the wave
    const [{ phases }] = await t.db.query(
      `SELECT array_agg(h.to_phase ORDER BY h.started_on) AS phases FROM committee_phase_changes h JOIN committees c ON c.id = h.committee_id WHERE c.code = 'TN-CA'`,
    );
    expect(phases).toEqual(['on_hold', 'live']);
  });

  it('starts with a year of branch meetings that the committee sees in its meeting report', async () => {
    const token = (await t.http().post('/api/auth/login').send({ username: 'tinhuy', password: DEMO_PASSWORD }).expect(200)).body
      .accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const [{ month }] = await t.db.query(
      `SELECT to_char(date_trunc('month', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - interval '1 month', 'YYYY-MM') AS month`,
    );
    const report = (await t.http().get('/api/analytics/meetings').query({ month }).set(auth).expect(200)).body;
    const total = report.total;
    // most units met last month, some did not, some planned late; attendance is realistic
    expect(total.branches).toBeGreaterThan(10);
    expect(total.branchesHeld).toBeGreaterThan(total.branches * 0.7);
    expect(total.branchesHeld).toBeLessThan(total.branches);
    expect(total.scheduledOnTime).toBeLessThan(total.branchesHeld);
    expect(total.scheduledOnTime).toBeGreaterThan(total.branchesHeld * 0.6);
    expect(total.attendanceRate).toBeGreaterThan(0.7);
    expect(total.attendanceRate).toBeLessThan(0.95);
    expect(report.children.length).toBeGreaterThanOrEqual(16);
    const missing = await t.http().get('/api/analytics/meetings/missing').query({ month }).set(auth).expect(200);
    expect(missing.body.length).toBe(total.branches - total.branchesHeld);
    // the month's guidance, the votes with their results, locked minutes and their tasks
    const [g] = await t.db.query(
      `SELECT (SELECT count(*) FROM meeting_guidance WHERE published_at IS NOT NULL)::int AS guidance,
              (SELECT count(*) FROM meeting_motions WHERE NOT secret AND status = 'closed' AND denominator > 0)::int AS open_votes,
              (SELECT count(*) FROM meeting_motions WHERE secret AND passed IS NOT NULL)::int AS secret_votes,
              (SELECT count(*) FROM motion_votes v JOIN meeting_motions mo ON mo.id = v.motion_id WHERE mo.secret)::int AS linked_secret,
              (SELECT count(*) FROM meetings WHERE status = 'minutes_locked' AND minutes_summary IS NOT NULL)::int AS locked,
              (SELECT count(*) FROM meeting_tasks)::int AS tasks,
              (SELECT count(*) FROM meetings WHERE status = 'scheduled' AND starts_at > now())::int AS upcoming`,
    );
    expect(g.guidance).toBeGreaterThanOrEqual(12);
    expect(g.open_votes).toBeGreaterThan(0);
    expect(g.secret_votes).toBeGreaterThan(0);
    expect(g.linked_secret).toBe(0);
    expect(g.locked).toBeGreaterThan(total.branches * 6);
    expect(g.tasks).toBeGreaterThan(g.locked);
    expect(g.upcoming).toBeGreaterThan(0);
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await counts();
    await t.app.get(DemoSeedService).seedDemo(400);
    await t.app.get(DemoSeedService).onApplicationBootstrap();
    expect(await counts()).toEqual(before);
  });
});

describe('seeding from two processes at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'false' });
  });
  afterAll(async () => t?.close());

  it('seeds one province: the second waits for the first, then finds everything in place', async () => {
    // two calls at once in one process (across processes on a server the advisory lock of
    // src/database/advisory-lock.ts does the same; two-instances.e2e-spec starts two servers on one
    // database, which migrate under that lock)
    const seed = t.app.get(DemoSeedService);
    // the meetings' bulk inserts drop their tables' foreign keys and add them back (src/demo/bulk-load.ts)
    const foreignKeys = () =>
      t.db.query(
        `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition, convalidated AS validated
           FROM pg_constraint WHERE contype = 'f' ORDER BY 1, 2`,
      );
    const keysBefore = await foreignKeys();
    await Promise.all([seed.seedDemo(300), seed.seedDemo(300)]);
    expect(await foreignKeys()).toEqual(keysBefore);
    expect(keysBefore.filter((k: { table: string }) => k.table === 'meeting_attendance')).toHaveLength(2);
    const [n] = await t.db.query(
      `SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM faqs)::int AS faqs,
              (SELECT count(*) FROM documents)::int AS documents, (SELECT count(*) FROM surveys)::int AS surveys,
              (SELECT count(DISTINCT member_id) FROM access_events)::int AS active,
              (SELECT count(*) FROM (SELECT member_id FROM access_events GROUP BY member_id, occurred_at HAVING count(*) > 1) d)::int AS doubled`,
    );
    expect(n).toMatchObject({ members: 300, faqs: 74, documents: 6, surveys: 1, doubled: 0 });
    expect(n.active).toBeGreaterThan(100);
  });
});
