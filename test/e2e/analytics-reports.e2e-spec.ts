import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventsService } from '../../src/analytics/events.service.js';
import type { Principal } from '../../src/common/principal.js';
import type { Committee } from '../../src/committees/committee.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { analyticsDiscrepancies, appOpen, at, daysAgo, sendEvents, view } from '../factories/analytics.js';
import { createDocument } from '../factories/content.js';
import { createCommittee, createMember, createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createNews } from '../factories/news.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const zeroReasons = { elderly: 0, no_smartphone: 0, special_unit_pending: 0, exempted: 0, other: 0, unspecified: 0 };

/** The first day of the month before the current one (Vietnam time), with `dd`. */
function lastMonth(dd: string): string {
  const today = daysAgo(0);
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1));
  return `${d.toISOString().slice(0, 8)}${dd}`;
}

describe('analytics reports through HTTP, on hand-computed data', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>> & { branchA2: Committee };
  let admin: string;
  let m: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'a6' | 'b1' | 'b2' | 'b3' | 'g1', Member>;
  let tokens: { a1: string; a2: string; b1: string };
  const [d0, d1, d2, d3] = ['08', '10', '11', '12'].map(lastMonth);
  let docX: { id: string; title: string };
  let docY: { id: string; title: string };
  let newsZ: { id: string; title: string };
  const get = (path: string, token = admin) => t.http().get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    const base = await createTree(t.db);
    tree = { ...base, branchA2: await createCommittee(t.db, { parent: base.grassA, name: 'Chi bộ xóm Cây Si' }) };
    const mk = (c: Committee, over: Partial<Member>) => createMember(t.db, c, over);
    const installed = (iso: string) => ({ installedAt: new Date(iso) });
    m = {
      a1: await mk(tree.branchA, { fullName: 'Nguyễn Văn A1', ...installed('2025-03-01T10:00:00+07:00') }),
      a2: await mk(tree.branchA, { fullName: 'Nguyễn Văn A2', notInstalledReason: 'elderly' }),
      a3: await mk(tree.branchA, { fullName: 'Nguyễn Văn A3', status: 'probationary', officialAt: null }),
      a4: await mk(tree.branchA, { fullName: 'Nguyễn Văn A4', exempted: true, exemptedAt: '2024-01-01', notInstalledReason: 'exempted' }),
      // 06:00 in Hà Nội is still the day before in UTC: the day is Vietnam's
      a5: await mk(tree.branchA2, {
        fullName: 'Nguyễn Văn A5',
        status: 'probationary',
        officialAt: null,
        ...installed('2025-03-02T06:00:00+07:00'),
      }),
      a6: await mk(tree.branchA2, { fullName: 'Nguyễn Văn A6', ...installed('2025-03-04T12:00:00+07:00') }),
      b1: await mk(tree.branchB, { fullName: 'Trần Thị B1', ...installed('2025-02-27T08:00:00+07:00') }),
      b2: await mk(tree.branchB, { fullName: 'Trần Thị B2', notInstalledReason: 'no_smartphone' }),
      // left the register: counted nowhere
      b3: await mk(tree.branchB, {
        fullName: 'Trần Thị B3',
        endState: 'resigned',
        endedAt: '2025-01-10',
        ...installed('2025-03-01T09:00:00+07:00'),
      }),
      g1: await mk(tree.grassB, { fullName: 'Lê Văn G1', notInstalledReason: 'special_unit_pending' }),
    };
    const account = async (member: Member, c: Committee) =>
      (await login(t.http, await createUser(t.db, 'member', c, { memberId: member.id }))).accessToken;
    tokens = { a1: await account(m.a1, tree.branchA), a2: await account(m.a2, tree.branchA), b1: await account(m.b1, tree.branchB) };
    admin = await tokenFor(t, 'admin', null);
    // usage before any restructuring: A1 in district A, B1 in district B
    docX = await createDocument(t.db, tree.province);
    docY = await createDocument(t.db, tree.province);
    newsZ = await createNews(t.db, tree.province);
    // A1 (branch A, district A at the time) and B1 (branch B, district B)
    await sendEvents(t.http, tokens.a1, [
      appOpen(at(d0)),
      appOpen(at(d1, '07:00')),
      appOpen(at(d1, '19:00')),
      view('document', docX.id, at(d1, '07:05')),
      appOpen(at(d2)),
    ]).expect(202);
    await sendEvents(t.http, tokens.b1, [
      appOpen(at(d1, '08:00')),
      view('document', docX.id, at(d1, '08:01')),
      view('document', docY.id, at(d1, '08:02')),
      view('news', newsZ.id, at(d1, '08:03')),
      appOpen(at(d3, '06:00')),
      appOpen(at(d3, '12:00')),
      appOpen(at(d3, '18:00')),
    ]).expect(202);
  });
  afterAll(async () => t?.close());

  it('answers the install rates of the province and of each district, exactly', async () => {
    const res = await get(`/api/analytics/install-rates?committeeId=${tree.province.id}`).expect(200);
    expect(res.body).toEqual({
      committee: {
        id: tree.province.id,
        name: 'Tỉnh ủy Thái Nguyên',
        kind: 'province',
        phase: 'not_started',
        phaseStartedAt: null,
        targetInstallRate: null,
      },
      total: {
        members: 9,
        installed: 4,
        rate: 0.4444,
        official: { members: 7, installed: 3, rate: 0.4286 },
        probationary: { members: 2, installed: 1, rate: 0.5 },
        exempted: { members: 1, installed: 0 },
        notInstalledByReason: { ...zeroReasons, elderly: 1, no_smartphone: 1, special_unit_pending: 1, exempted: 1, unspecified: 1 },
      },
      children: [
        {
          committeeId: tree.districtA.id,
          name: 'Huyện ủy Đại Từ',
          kind: 'subordinate',
          phase: 'not_started',
          targetInstallRate: null,
          members: 6,
          installed: 3,
          rate: 0.5,
          official: { members: 4, installed: 2, rate: 0.5 },
          probationary: { members: 2, installed: 1, rate: 0.5 },
          exempted: { members: 1, installed: 0 },
          notInstalledByReason: { ...zeroReasons, elderly: 1, exempted: 1, unspecified: 1 },
        },
        {
          committeeId: tree.districtB.id,
          name: 'Huyện ủy Định Hóa',
          kind: 'subordinate',
          phase: 'not_started',
          targetInstallRate: null,
          members: 3,
          installed: 1,
          rate: 0.3333,
          official: { members: 3, installed: 1, rate: 0.3333 },
          probationary: { members: 0, installed: 0, rate: 0 },
          exempted: { members: 0, installed: 0 },
          notInstalledByReason: { ...zeroReasons, no_smartphone: 1, special_unit_pending: 1 },
        },
      ],
    });
    // an admin of the whole tree gets the root by default
    expect((await get('/api/analytics/install-rates').expect(200)).body).toEqual(res.body);
  });

  it('follows a transfer, an install and a merge between two reports', async () => {
    const rates = async () => {
      const body = (await get(`/api/analytics/install-rates?committeeId=${tree.province.id}`).expect(200)).body;
      return Object.fromEntries(body.children.map((c: any) => [c.name, [c.members, c.installed, c.rate, c.notInstalledByReason.elderly]]));
    };
    // A2 (not installed, elderly) moves from district A to district B
    await t
      .http()
      .post(`/api/members/${m.a2.id}/transfer`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ committeeId: tree.branchB.id })
      .expect(200);
    expect(await rates()).toEqual({ 'Huyện ủy Đại Từ': [5, 3, 0.6, 0], 'Huyện ủy Định Hóa': [4, 1, 0.25, 1] });
    // A2 installs the app
    await t
      .http()
      .post('/api/me/devices')
      .set('Authorization', `Bearer ${tokens.a2}`)
      .send({ deviceId: 'a2-phone-0001', platform: 'android', appVersion: '2.3.1' })
      .expect(201);
    expect(await rates()).toEqual({ 'Huyện ủy Đại Từ': [5, 3, 0.6, 0], 'Huyện ủy Định Hóa': [4, 2, 0.5, 0] });
    // the grassroots organisation of district A is merged into the one of district B: its branches move with their members
    await t
      .http()
      .post(`/api/committees/${tree.grassA.id}/merge`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ targetId: tree.grassB.id })
      .expect(200);
    expect(await rates()).toEqual({ 'Huyện ủy Đại Từ': [0, 0, 0, 0], 'Huyện ủy Định Hóa': [9, 5, 0.5556, 0] });
    const grassB = (await get(`/api/analytics/install-rates?committeeId=${tree.grassB.id}`).expect(200)).body;
    expect(grassB.total).toMatchObject({ members: 9, installed: 5 });
    expect(grassB.children.map((c: any) => [c.name, c.members, c.installed]).sort()).toEqual(
      [
        ['Chi bộ xóm Bản Lác', 3, 2],
        ['Chi bộ xóm Cây Si', 2, 2],
        ['Chi bộ xóm Đồng Kè', 3, 1],
      ].sort(),
    );
    expect(await analyticsDiscrepancies(t.db)).toEqual([]);
  });

  it("answers the install timeline from the installs' Vietnam dates over today's members, and as CSV", async () => {
    const res = await get(`/api/analytics/install-rates/timeline?committeeId=${tree.province.id}&from=2025-03-01&to=2025-03-04`).expect(
      200,
    );
    expect(res.body.window).toEqual({ from: '2025-03-01', to: '2025-03-04', days: 4 });
    expect(res.body.members).toBe(9);
    // B1 installed before the window (27 Feb); A2's install is today, after it; B3 left and is not counted
    expect(res.body.series).toEqual([
      { day: '2025-03-01', installs: 1, installed: 2, members: 9, rate: 0.2222 },
      { day: '2025-03-02', installs: 1, installed: 3, members: 9, rate: 0.3333 },
      { day: '2025-03-03', installs: 0, installed: 3, members: 9, rate: 0.3333 },
      { day: '2025-03-04', installs: 1, installed: 4, members: 9, rate: 0.4444 },
    ]);
    const today = await get(`/api/analytics/install-rates/timeline?committeeId=${tree.province.id}`).expect(200);
    expect(today.body.window.days).toBe(90);
    expect(today.body.series[89]).toMatchObject({ day: daysAgo(0), installs: 1, installed: 5, rate: 0.5556 });

    const csv = await get(
      `/api/analytics/install-rates/timeline?committeeId=${tree.province.id}&from=2025-03-01&to=2025-03-02&format=csv`,
    ).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="cai-dat-theo-ngay-${tree.province.id}-20250301-20250302.csv"`);
    expect(csv.text).toBe(
      '\ufeffNgày,Cài đặt trong ngày,Đã cài đặt (lũy kế),Số đảng viên hiện nay,Tỷ lệ\r\n2025-03-01,1,2,9,0.2222\r\n2025-03-02,1,3,9,0.3333\r\n',
    );
    const rates = await get(`/api/analytics/install-rates?committeeId=${tree.districtB.id}&format=csv`).expect(200);
    const lines = rates.text.replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 7)).toEqual([
      'Mã hệ thống',
      'Tổ chức đảng',
      'Giai đoạn triển khai',
      'Tỷ lệ mục tiêu',
      'Số đảng viên',
      'Đã cài đặt',
      'Tỷ lệ',
    ]);
    expect(lines[1].split(',').slice(0, 7)).toEqual([
      String(tree.districtB.id),
      'Huyện ủy Định Hóa (tổng)',
      'not_started',
      '',
      '9',
      '5',
      '0.5556',
    ]);
  });

  describe('visits and top content', () => {
    it('answers the daily series, totals, the average with its window, DAU/MAU, each district, and the previous window', async () => {
      const res = await get(`/api/analytics/visits?committeeId=${tree.province.id}&from=${d1}&to=${d3}&compare=true`).expect(200);
      const window = { from: d1, to: d3, days: 3 };
      expect(res.body).toEqual({
        committee: expect.objectContaining({ id: tree.province.id }),
        window,
        series: [
          { day: d1, visits: 3, uniqueMembers: 2, views: { document: 3, news: 1, other: 0 }, overRateMembers: 0 },
          { day: d2, visits: 1, uniqueMembers: 1, views: { document: 0, news: 0, other: 0 }, overRateMembers: 0 },
          { day: d3, visits: 3, uniqueMembers: 1, views: { document: 0, news: 0, other: 0 }, overRateMembers: 0 },
        ],
        total: { visits: 7, memberDays: 4, views: { document: 3, news: 1, other: 0 }, overRateMemberDays: 0 },
        averagePerDay: { visits: 2.33, uniqueMembers: 1.33, window },
        coverage: { firstDay: d0, partialDay: null },
        activeMembers: { day: d3, dau: 1, month: `${d3.slice(0, 8)}01`, mau: 2, dauMauRatio: 0.5 },
        // activity stays where the member stood when it happened: district A keeps A1's visits after the merge
        children: [
          {
            committeeId: tree.districtA.id,
            name: 'Huyện ủy Đại Từ',
            kind: 'subordinate',
            archived: false,
            total: { visits: 3, memberDays: 2, views: { document: 1, news: 0, other: 0 }, overRateMemberDays: 0 },
            averagePerDay: { visits: 1, uniqueMembers: 0.67, window },
            averageVisitsPerDay: 1,
            previous: { visits: 1, memberDays: 1, views: { document: 0, news: 0, other: 0 }, overRateMemberDays: 0 },
          },
          {
            committeeId: tree.districtB.id,
            name: 'Huyện ủy Định Hóa',
            kind: 'subordinate',
            archived: false,
            total: { visits: 4, memberDays: 2, views: { document: 2, news: 1, other: 0 }, overRateMemberDays: 0 },
            averagePerDay: { visits: 1.33, uniqueMembers: 0.67, window },
            averageVisitsPerDay: 1.33,
            previous: { visits: 0, memberDays: 0, views: { document: 0, news: 0, other: 0 }, overRateMemberDays: 0 },
          },
        ],
        previous: {
          window: { from: lastMonth('07'), to: lastMonth('09'), days: 3 },
          total: { visits: 1, memberDays: 1, views: { document: 0, news: 0, other: 0 }, overRateMemberDays: 0 },
          // the data starts on the 8th: the 7th is unknown, not a day without visits
          averagePerDay: { visits: 0.5, uniqueMembers: 0.5, window: { from: d0, to: lastMonth('09'), days: 2 } },
        },
        change: { visits: 6, memberDays: 3 },
      });
      const csv = await get(`/api/analytics/visits?committeeId=${tree.districtB.id}&from=${d1}&to=${d2}&format=csv`).expect(200);
      expect(csv.text).toBe(
        `\ufeffNgày,Lượt truy cập,Đảng viên truy cập,Lượt xem văn bản,Lượt xem tin tức,Lượt xem khác\r\n${d1},1,1,2,1,0\r\n${d2},0,0,0,0,0\r\n`,
      );
    });

    it('averages only over the days with data that are over: not before the first one, not today', async () => {
      const from = lastMonth('01');
      const res = await get(`/api/analytics/visits?committeeId=${tree.province.id}&from=${from}`).expect(200);
      expect(res.body.window).toMatchObject({ from, to: daysAgo(0) });
      expect(res.body.coverage).toEqual({ firstDay: d0, partialDay: daysAgo(0) });
      const counted = res.body.series.filter((day: { day: string }) => day.day >= d0 && day.day < daysAgo(0));
      const visits = counted.reduce((n: number, day: { visits: number }) => n + day.visits, 0);
      expect(res.body.averagePerDay.window).toEqual({ from: d0, to: daysAgo(1), days: counted.length });
      expect(res.body.averagePerDay.visits).toBe(Math.round((visits / counted.length) * 100) / 100);
      expect(res.body.averagePerDay.visits).toBeGreaterThan(res.body.total.visits / res.body.window.days);

      // each district's average follows the same rule, from its own first day with data: district B's
      // is the 10th (district A's the 8th), and today is left out
      const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      const round2 = (n: number) => Math.round(n * 100) / 100;
      type Child = {
        committeeId: number;
        total: { visits: number; memberDays: number };
        averagePerDay: object;
        averageVisitsPerDay: number;
      };
      const child = (id: number) => res.body.children.find((c: Child) => c.committeeId === id) as Child;
      for (const [id, first] of [
        [tree.districtA.id, d0],
        [tree.districtB.id, d1],
      ] as const) {
        const c = child(id);
        const n = days(first, daysAgo(1));
        expect(c.averagePerDay).toEqual({
          visits: round2(c.total.visits / n),
          uniqueMembers: round2(c.total.memberDays / n),
          window: { from: first, to: daysAgo(1), days: n },
        });
        expect(c.averageVisitsPerDay).toBe(round2(c.total.visits / n));
        expect(c.averageVisitsPerDay).toBeGreaterThan(c.total.visits / res.body.window.days);
      }
      expect(child(tree.districtB.id).total.visits).toBe(4);
      // the same figures in the per-district CSV
      const csv = await get(`/api/analytics/visits?committeeId=${tree.province.id}&from=${from}&format=csv&rows=children`).expect(200);
      expect(csv.headers['content-disposition']).toBe(
        `attachment; filename="luot-truy-cap-theo-don-vi-${tree.province.id}-${from.replaceAll('-', '')}-${daysAgo(0).replaceAll('-', '')}.csv"`,
      );
      const lines = csv.text.replace('\ufeff', '').trim().split('\r\n');
      expect(lines[0].split(',')).toEqual([
        'Mã hệ thống',
        'Tổ chức đảng',
        'Lượt truy cập',
        'Lượt đảng viên truy cập (theo ngày)',
        'Lượt xem văn bản',
        'Lượt xem tin tức',
        'Lượt xem khác',
        'Trung bình lượt truy cập/ngày',
        'Trung bình đảng viên truy cập/ngày',
        'Tính trung bình từ ngày',
        'Đến ngày',
        'Số ngày tính trung bình',
      ]);
      const n = days(d1, daysAgo(1));
      expect(lines.find((l: string) => l.startsWith(`${tree.districtB.id},`))).toBe(
        `${tree.districtB.id},Huyện ủy Định Hóa,4,2,2,1,0,${round2(4 / n)},${round2(2 / n)},${d1},${daysAgo(1)},${n}`,
      );
      await get(`/api/analytics/visits?format=csv&rows=weeks`).expect(400);

      // a committee without any activity: no coverage, no average (not an average of zeros)
      const quiet = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Bắc Kạn' });
      const none = await get(`/api/analytics/visits?committeeId=${quiet.id}`).expect(200);
      expect(none.body.coverage).toEqual({ firstDay: null, partialDay: daysAgo(0) });
      expect(none.body.averagePerDay).toEqual({ visits: 0, uniqueMembers: 0, window: { ...none.body.window, days: 0 } });
    });

    it('ranks the most viewed documents and news of a subtree, and records server-side views', async () => {
      const res = await get(`/api/analytics/top-content?committeeId=${tree.province.id}&from=${d1}&to=${d3}`).expect(200);
      expect(res.body.items).toEqual([
        { targetType: 'document', targetId: docX.id, title: docX.title, views: 2 },
        ...[
          { targetType: 'document', targetId: docY.id, title: docY.title, views: 1 },
          { targetType: 'news', targetId: newsZ.id, title: newsZ.title, views: 1 },
        ],
      ]);
      const news = await get(
        `/api/analytics/top-content?committeeId=${tree.districtB.id}&from=${d1}&to=${d3}&targetType=news&limit=5`,
      ).expect(200);
      expect(news.body.items).toEqual([{ targetType: 'news', targetId: newsZ.id, title: newsZ.title, views: 1 }]);
      // every level keeps its views per item, as the tree stood when each view arrived: the grassroots
      // organisation B does not count branch A's view of X, made before branch A was merged into it
      const top = async (c: { id: number }) =>
        (await get(`/api/analytics/top-content?committeeId=${c.id}&from=${d1}&to=${d3}`).expect(200)).body.items
          .map((i: { targetId: string; views: number }) => [i.targetId, i.views])
          .sort();
      const b1Views = [
        [docX.id, 1],
        [docY.id, 1],
        [newsZ.id, 1],
      ].sort();
      expect(await top(tree.grassB)).toEqual(b1Views);
      expect(await top(tree.branchB)).toEqual(b1Views);
      expect(await top(tree.branchA)).toEqual([[docX.id, 1]]);
      expect(await top(tree.branchA2)).toEqual([]);
      const branchCsv = await get(`/api/analytics/top-content?committeeId=${tree.branchA.id}&from=${d1}&to=${d3}&format=csv`).expect(200);
      expect(branchCsv.text).toBe(`\ufeffHạng,Loại,Mã nội dung,Tiêu đề,Lượt xem\r\n1,Văn bản,${docX.id},${docX.title},1\r\n`);

      // a content route records a member's view; staff reading it are not members' activity
      const events = t.app.get(EventsService);
      const principal = { role: 'member', memberId: m.b1.id, committeeId: tree.branchB.id } as Principal;
      await events.recordServerView(principal, 'document', docY.id);
      await events.recordServerView({ role: 'editor', memberId: null, committeeId: tree.province.id } as Principal, 'document', docY.id);
      const today = await get(`/api/analytics/top-content?committeeId=${tree.province.id}&from=${daysAgo(0)}&to=${daysAgo(0)}`).expect(200);
      expect(today.body.items).toEqual([{ targetType: 'document', targetId: docY.id, title: docY.title, views: 1 }]);
      expect(await analyticsDiscrepancies(t.db)).toEqual([]);
    });
  });

  it('answers the rollout overview: sub-committees per phase and the phase history', async () => {
    const phase = (id: number, body: object) =>
      t.http().post(`/api/committees/${id}/phase`).set('Authorization', `Bearer ${admin}`).send(body).expect(200);
    await phase(tree.districtB.id, { phase: 'pilot', startedOn: '2021-12-01' });
    await phase(tree.districtB.id, { phase: 'live', startedOn: '2022-01-01' });
    await phase(tree.districtA.id, { phase: 'live', startedOn: '2022-01-01' });
    const res = await get(`/api/analytics/rollout?committeeId=${tree.province.id}`).expect(200);
    expect(res.body.children).toEqual({
      total: 2,
      byPhase: { not_started: 0, trial: 0, pilot: 0, live: 2, on_hold: 0 },
      items: [
        {
          committeeId: tree.districtA.id,
          name: 'Huyện ủy Đại Từ',
          kind: 'subordinate',
          phase: 'live',
          phaseStartedAt: '2022-01-01',
          targetInstallRate: null,
        },
        {
          committeeId: tree.districtB.id,
          name: 'Huyện ủy Định Hóa',
          kind: 'subordinate',
          phase: 'live',
          phaseStartedAt: '2022-01-01',
          targetInstallRate: null,
        },
      ],
    });
    expect(res.body.history.map((h: any) => [h.committeeName, h.fromPhase, h.toPhase, h.startedOn])).toEqual([
      ['Huyện ủy Định Hóa', 'not_started', 'pilot', '2021-12-01'],
      ['Huyện ủy Định Hóa', 'pilot', 'live', '2022-01-01'],
      ['Huyện ủy Đại Từ', 'not_started', 'live', '2022-01-01'],
    ]);
    // the merged grassroots organisation is archived: district A has no active sub-committee left
    const districtA = await get(`/api/analytics/rollout?committeeId=${tree.districtA.id}`).expect(200);
    expect(districtA.body.children).toMatchObject({ total: 0, items: [] });
  });

  it("keeps each report in the caller's scope and role", async () => {
    const adminB = await tokenFor(t, 'committee_admin', tree.districtB);
    // the home committee by default; another district is 404, like a missing committee
    const own = await get('/api/analytics/install-rates', adminB).expect(200);
    expect(own.body.committee.id).toBe(tree.districtB.id);
    for (const path of ['install-rates', 'install-rates/timeline', 'visits', 'rollout']) {
      const res = await get(`/api/analytics/${path}?committeeId=${tree.districtA.id}`, adminB).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await get(`/api/analytics/${path}?committeeId=999999`, adminB).expect(404);
    }
    await get(`/api/analytics/top-content?committeeId=${tree.province.id}`, adminB).expect(404);
    const secretary = await tokenFor(t, 'secretary', tree.branchB);
    expect((await get('/api/analytics/install-rates', secretary).expect(200)).body.total).toMatchObject({ members: 3 });
    await get('/api/analytics/visits', secretary).expect(403);
    const editor = await tokenFor(t, 'editor', tree.province);
    await get('/api/analytics/visits', editor).expect(200);
    await get('/api/analytics/install-rates', editor).expect(403);
    await get('/api/analytics/install-rates', tokens.b1).expect(403);
    // windows are checked
    const bad = await get(`/api/analytics/visits?from=2025-03-10&to=2025-03-01`).expect(400);
    expect(bad.body.errors).toEqual({ from: 'from must not be after to' });
    expect((await get(`/api/analytics/visits?from=2025-02-30`).expect(400)).body.errors).toEqual({
      from: 'from must be a date YYYY-MM-DD',
    });
    expect((await get(`/api/analytics/visits?from=2020-01-01&to=2025-01-01`).expect(400)).body.errors).toEqual({
      from: 'a window spans at most 1096 days',
    });
    await get(`/api/analytics/visits?format=xlsx`).expect(400);
    await get(`/api/analytics/install-rates?committeeId=abc`).expect(400);
  });
});
