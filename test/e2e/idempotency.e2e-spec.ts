import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { analyticsDiscrepancies, appOpen, at, daysAgo, sendEvents, view } from '../factories/analytics.js';
import { createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createSurvey } from '../factories/surveys.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A mobile client on a bad connection retries; a secretary double-clicks; two browser tabs send
 * the same thing at once. Event batches (client event ids), survey responses (one per member),
 * member imports (party card number, external id, system id) and device registrations (the
 * install's deviceId) must be safe to repeat: each is sent twice in a row and several times at
 * once, and stored once.
 */

type Tree = Awaited<ReturnType<typeof createTree>>;
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const count = async (t: TestApp, sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);

describe('retries and duplicates are stored once', () => {
  let t: TestApp;
  let tree: Tree;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
  });
  afterAll(async () => t?.close());

  describe("event batches (POST /api/me/events): keyed by the client's event id", () => {
    const rollups = async () => ({
      events: await t.db.query(`SELECT id, type, target_type, target_id, committee_id FROM access_events ORDER BY id`),
      daily: await t.db.query(
        `SELECT committee_id, day::text, visits, views_document, views_news, views_other, unique_members FROM committee_daily_activity ORDER BY 1, 2`,
      ),
      monthly: await t.db.query(`SELECT committee_id, month::text, unique_members FROM committee_monthly_activity ORDER BY 1, 2`),
      members: await t.db.query(`SELECT member_id, day::text FROM member_daily_activity ORDER BY 1, 2`),
      content: await t.db.query(
        `SELECT committee_id, day::text, target_type, target_id, views FROM content_daily_views ORDER BY 1, 2, 3, 4`,
      ),
    });

    it('a batch sent twice in a row counts once', async () => {
      const token = await tokenFor(t, 'member', tree.branchA);
      const day = daysAgo(1);
      const batch = [
        appOpen(at(day, '07:00')),
        view('document', randomUUID(), at(day, '07:05')),
        view('news', randomUUID(), at(day, '07:06')),
      ];
      const first = await sendEvents(t.http, token, batch).expect(202);
      expect(first.body).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
      const once = await rollups();
      const again = await sendEvents(t.http, token, batch).expect(202);
      expect(again.body).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
      expect(await rollups()).toEqual(once);
      expect(await analyticsDiscrepancies(t.db)).toEqual([]);
    });

    it('the same batch sent five times at once counts once', async () => {
      const token = await tokenFor(t, 'member', tree.branchB);
      const day = daysAgo(2);
      const doc = randomUUID();
      const batch = [
        appOpen(at(day, '08:00')),
        appOpen(at(day, '19:30')),
        view('document', doc, at(day, '08:01')),
        view('faq', randomUUID(), at(day, '08:02')),
      ];
      const before = (await rollups()).events.length;
      const results = await Promise.all(Array.from({ length: 5 }, () => sendEvents(t.http, token, batch)));
      expect(results.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
      // between them, every event was accepted exactly once; the rest were duplicates
      expect(results.reduce((n, r) => n + r.body.accepted, 0)).toBe(batch.length);
      expect(results.reduce((n, r) => n + r.body.duplicates, 0)).toBe(4 * batch.length);
      const after = await rollups();
      expect(after.events.length).toBe(before + batch.length);
      const province = after.daily.find((r: any) => r.committee_id === tree.province.id && r.day === day);
      expect(province).toMatchObject({ visits: 2, views_document: 1, views_other: 1, unique_members: 1 });
      // province, district, grassroots organisation and branch
      expect(after.content.filter((r: any) => r.target_id === doc).map((r: any) => r.views)).toEqual([1, 1, 1, 1]);
      expect(await analyticsDiscrepancies(t.db)).toEqual([]);
    });

    it('an event id resent with another occurredAt (or type) is a duplicate: stored once, counted once', async () => {
      const token = await tokenFor(t, 'member', tree.branchB);
      const day = daysAgo(4);
      const id = randomUUID();
      const first = await sendEvents(t.http, token, [appOpen(at(day, '08:00'), id)]).expect(202);
      expect(first.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
      const once = await rollups();
      // the retry changes the time (hours later, then another day, then another month's partition) and then the type
      for (const retry of [
        appOpen(at(day, '15:00'), id),
        appOpen(at(daysAgo(1), '15:00'), id),
        appOpen(at(daysAgo(40), '15:00'), id),
        view('news', randomUUID(), at(day, '08:00'), id),
      ]) {
        const res = await sendEvents(t.http, token, [retry]).expect(202);
        expect(res.body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
      }
      expect(await rollups()).toEqual(once);
      const stored = await t.db.query(`SELECT type, occurred_at FROM access_events WHERE id = $1`, [id]);
      expect(stored).toEqual([{ type: 'app_open', occurred_at: new Date(at(day, '08:00')) }]);
      const province = once.daily.find((r: any) => r.committee_id === tree.province.id && r.day === day);
      expect(province).toMatchObject({ visits: 1, unique_members: 1 });
      expect(await analyticsDiscrepancies(t.db)).toEqual([]);
    });

    it('two overlapping batches sent at once count each event once', async () => {
      const token = await tokenFor(t, 'member', tree.branchA);
      const day = daysAgo(3);
      const shared = [appOpen(at(day, '06:00')), view('news', randomUUID(), at(day, '06:01'))];
      const a = [...shared, appOpen(at(day, '12:00'))];
      const b = [appOpen(at(day, '21:00')), ...shared];
      const before = (await rollups()).events.length;
      const [ra, rb] = await Promise.all([sendEvents(t.http, token, a), sendEvents(t.http, token, b)]);
      expect([ra.status, rb.status]).toEqual([202, 202]);
      expect(ra.body.accepted + rb.body.accepted).toBe(4);
      expect(ra.body.duplicates + rb.body.duplicates).toBe(2);
      expect((await rollups()).events.length).toBe(before + 4);
      expect(await analyticsDiscrepancies(t.db)).toEqual([]);
    });
  });

  describe('survey responses: one per member', () => {
    const stored = async (surveyId: string) => ({
      responses: await count(t, `SELECT count(*)::int AS n FROM survey_responses WHERE survey_id = $1`, [surveyId]),
      participations: await count(t, `SELECT count(*)::int AS n FROM survey_participations WHERE survey_id = $1`, [surveyId]),
      answers: await count(
        t,
        `SELECT count(*)::int AS n FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $1`,
        [surveyId],
      ),
    });

    for (const path of ['/api/me/surveys/{id}/responses', '/api/surveys/{id}/responses']) {
      it(`${path}: sent twice in a row, then five times at once by another member, stores one answer each`, async () => {
        const survey = await createSurvey(t.db, tree.grassA);
        const question = survey.questions[0];
        const body = { answers: [{ questionId: question.id, optionIds: [question.options[0].id] }] };
        const url = path.replace('{id}', survey.id);

        const first = (await login(t.http, await createUser(t.db, 'member', tree.branchA))).accessToken;
        const ok = await t.http().post(url).set(auth(first)).send(body).expect(201);
        expect(ok.body).toMatchObject({ surveyId: survey.id });
        const retry = await t.http().post(url).set(auth(first)).send(body).expect(409);
        expect(retry.body.code).toBe('ALREADY_RESPONDED');
        expect(await stored(survey.id)).toEqual({ responses: 1, participations: 1, answers: 1 });

        const second = (await login(t.http, await createUser(t.db, 'member', tree.branchA))).accessToken;
        const burst = await Promise.all(Array.from({ length: 5 }, () => t.http().post(url).set(auth(second)).send(body)));
        expect(burst.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
        for (const r of burst.filter((x) => x.status === 409)) expect(r.body.code).toBe('ALREADY_RESPONDED');
        expect(await stored(survey.id)).toEqual({ responses: 2, participations: 2, answers: 2 });
      });
    }
  });

  describe('member imports (POST /api/members/import): keyed by system id, party card number or external id', () => {
    const HEADER = [
      'Họ và tên',
      'Giới tính',
      'Ngày sinh',
      'Số thẻ đảng',
      'Mã định danh',
      'Trạng thái',
      'Ngày vào Đảng',
      'Ngày chính thức',
      'Mã chi bộ',
    ];
    const csv = (rows: string[][]) => Buffer.from('\ufeff' + [HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
    const upload = (token: string, file: Buffer) =>
      t.http().post('/api/members/import').set(auth(token)).attach('file', file, 'danh-sach.csv');
    const members = (prefix: string) =>
      t.db.query(
        `SELECT full_name, party_card_number, external_id, committee_id FROM members
          WHERE party_card_number LIKE $1 OR external_id LIKE $1 ORDER BY full_name`,
        [`${prefix}%`],
      );
    const file = (prefix: string) =>
      csv([
        ['Hà Thị Thu', 'Nữ', '12/03/1979', `${prefix}-001`, '', 'Chính thức', '03/02/2001', '03/02/2002', tree.branchA.code],
        [
          'Ma Văn Sinh',
          'Nam',
          '01/01/1985',
          `${prefix}-002`,
          `${prefix}-EXT-2`,
          'Chính thức',
          '19/05/2010',
          '19/05/2011',
          tree.branchA.code,
        ],
        // a probationary member has no card yet: the external id is the key
        ['Triệu Thị Mai', 'Nữ', '05/06/1998', '', `${prefix}-EXT-3`, 'Dự bị', '02/09/2024', '', tree.branchA.code],
      ]);

    it('the same file twice in a row: the second import finds every row unchanged', async () => {
      const admin = await tokenFor(t, 'committee_admin', tree.districtA);
      const first = await upload(admin, file('IDEM-SEQ')).expect(200);
      expect(first.body).toMatchObject({ total: 3, created: 3, updated: 0, unchanged: 0 });
      const once = await members('IDEM-SEQ');
      const again = await upload(admin, file('IDEM-SEQ')).expect(200);
      expect(again.body).toMatchObject({ total: 3, created: 0, updated: 0, unchanged: 3, transferred: 0 });
      expect(await members('IDEM-SEQ')).toEqual(once);
    });

    it('the same file twice at once: no member twice, and a retry finds every row unchanged', async () => {
      const admin = await tokenFor(t, 'committee_admin', tree.districtA);
      const [a, b] = await Promise.all([upload(admin, file('IDEM-PAR')), upload(admin, file('IDEM-PAR'))]);
      // one import creates the members; the other either finds them (unchanged) or is refused without writing
      const statuses = [a.status, b.status].sort();
      expect([
        [200, 200],
        [200, 409],
      ]).toContainEqual(statuses);
      const created = [a, b].filter((r) => r.status === 200).reduce((n, r) => n + r.body.created, 0);
      expect(created).toBe(3);
      for (const r of [a, b].filter((x) => x.status !== 200)) expect(r.body).toMatchObject({ statusCode: 409 });
      const rows = await members('IDEM-PAR');
      expect(rows.map((r: any) => r.full_name)).toEqual(['Hà Thị Thu', 'Ma Văn Sinh', 'Triệu Thị Mai']);
      const retry = await upload(admin, file('IDEM-PAR')).expect(200);
      expect(retry.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(await members('IDEM-PAR')).toEqual(rows);
    });
  });

  describe("device registrations (POST /api/me/devices): keyed by the install's deviceId", () => {
    const device = { deviceId: 'a6f2c1d4-3b5e-4f70-8a9b-0c1d2e3f4a5b', platform: 'android', appVersion: '2.3.1' };
    const state = async (memberId: string) => ({
      devices: await t.db.query(`SELECT device_id, platform, app_version, unregistered_at FROM member_devices WHERE member_id = $1`, [
        memberId,
      ]),
      installedAt: (await t.db.query(`SELECT installed_at FROM members WHERE id = $1`, [memberId]))[0].installed_at as Date | null,
      installAudits: await count(t, `SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.install' AND entity_id = $1`, [
        memberId,
      ]),
    });

    it('twice in a row: one row, installedAt set by the first and kept by the second', async () => {
      const member = await createUser(t.db, 'member', tree.branchA);
      const token = (await login(t.http, member)).accessToken;
      const first = await t.http().post('/api/me/devices').set(auth(token)).send(device).expect(201);
      const after = await state(member.memberId!);
      expect(after.devices).toHaveLength(1);
      expect(after.installedAt).not.toBeNull();
      const again = await t.http().post('/api/me/devices').set(auth(token)).send(device).expect(200);
      expect(again.body.id).toBe(first.body.id);
      const later = await state(member.memberId!);
      expect(later.devices).toEqual(after.devices);
      expect(later.installedAt).toEqual(after.installedAt);
      expect(later.installAudits).toBe(1);
    });

    it('five times at once: one row, one 201, installedAt set once', async () => {
      const member = await createUser(t.db, 'member', tree.branchB);
      const token = (await login(t.http, member)).accessToken;
      // another phone than the previous test's: an install is one member's at a time (another member's active one is a 404)
      const phone = { ...device, deviceId: 'b7e3d2c5-4c6f-4a81-9bac-1d2e3f4a5b6c' };
      const burst = await Promise.all(Array.from({ length: 5 }, () => t.http().post('/api/me/devices').set(auth(token)).send(phone)));
      expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
      const after = await state(member.memberId!);
      expect(after.devices).toEqual([{ device_id: phone.deviceId, platform: 'android', app_version: '2.3.1', unregistered_at: null }]);
      expect(after.installedAt).not.toBeNull();
      expect(after.installAudits).toBe(1);
    });
  });
});
