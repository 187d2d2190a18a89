import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Committee } from '../../src/committees/committee.entity.js';
import type { Member } from '../../src/members/member.entity.js';
import { createCommittee, createMember, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The committee's view of branch meetings (issue 16 item 6): the counters the triggers of
 * migrations/1796442480804-meeting-report.ts keep equal a recount from the meetings themselves after
 * holding, holding again, cancelling, deleting, correcting attendance after the close, moving a
 * branch and merging one; the report's drill-down rows, the list of units that did not meet, scope.
 * Meetings are written straight into the tables (the counters hold whatever writes them).
 */
describe('meeting report: GET /api/analytics/meetings, …/missing', () => {
  let t: TestApp;
  let admin: string;
  let d1Admin: string;
  const c: Record<string, Committee> = {};
  const m: Record<string, Member[]> = {};
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);

  /** A meeting written as the meetings module would leave it; attendance rows for the given members. */
  async function meeting(
    committee: Committee,
    o: { kind?: string; month?: string; status?: string; late?: boolean; attendance?: [Member, string][] } = {},
  ): Promise<string> {
    const [{ id }] = await q(
      `INSERT INTO meetings (committee_id, kind, month, title, status, late, starts_at)
       VALUES ($1, $2, $3::date, $4, $5, $6, now()) RETURNING id`,
      [committee.id, o.kind ?? 'regular', `${o.month ?? '2026-11'}-01`, 'Sinh hoạt chi bộ', o.status ?? 'scheduled', o.late ?? false],
    );
    for (const [member, state] of o.attendance ?? []) {
      await q(`INSERT INTO meeting_attendance (meeting_id, member_id, official, exempt, state) VALUES ($1, $2, true, $3, $4)`, [
        id,
        member.id,
        member.exempted,
        state,
      ]);
    }
    return id;
  }
  const setStatus = (id: string, status: string) => q(`UPDATE meetings SET status = $2 WHERE id = $1`, [id, status]);
  const report = async (token: string, query: Record<string, string | number>) => {
    const res = await t.http().get('/api/analytics/meetings').query(query).set(auth(token));
    expect(res.status).toBe(200);
    return res.body;
  };

  /** The counters, and the same figures recounted from meetings, attendance and the tree. */
  async function expectCountersEqualRecount() {
    const units = `SELECT id, path FROM committees WHERE kind IN ('branch', 'grassroots') AND archived_at IS NULL`;
    const own = `SELECT m.committee_id, m.month,
              count(*) FILTER (WHERE m.kind = 'regular')::int AS rh, count(*) FILTER (WHERE m.kind = 'regular' AND NOT m.late)::int AS ro,
              count(*) FILTER (WHERE m.kind = 'thematic')::int AS th, count(*) FILTER (WHERE m.kind = 'extraordinary')::int AS ex,
              coalesce(sum((SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.state <> 'exempt')), 0)::int AS ae,
              coalesce(sum((SELECT count(*) FROM meeting_attendance a WHERE a.meeting_id = m.id AND a.state IN ('present', 'late'))), 0)::int AS aa
         FROM meetings m WHERE m.status IN ('held', 'minutes_locked') GROUP BY 1, 2`;
    const recount = await q(
      `SELECT a.id AS committee_id, o.month::text AS month, count(*) FILTER (WHERE o.rh > 0)::int AS units_held,
              count(*) FILTER (WHERE o.ro > 0)::int AS units_on_time, sum(o.rh)::int AS regular_held, sum(o.th)::int AS thematic_held,
              sum(o.ex)::int AS extraordinary_held, sum(o.ae)::int AS attendance_expected, sum(o.aa)::int AS attendance_attended
         FROM (${own}) o JOIN (${units}) u ON u.id = o.committee_id
         CROSS JOIN LATERAL unnest(analytics_path_ids(u.path)) AS a(id)
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const counters = await q(
      `SELECT committee_id, month::text AS month, units_held, units_on_time, regular_held, thematic_held, extraordinary_held,
              attendance_expected, attendance_attended
         FROM committee_meeting_months
        WHERE units_held <> 0 OR units_on_time <> 0 OR regular_held <> 0 OR thematic_held <> 0 OR extraordinary_held <> 0
           OR attendance_expected <> 0 OR attendance_attended <> 0
        ORDER BY 1, 2`,
    );
    expect(counters).toEqual(recount);
    const ownCounters = await q(
      `SELECT committee_id, month::text AS month, regular_held AS rh, regular_on_time AS ro, thematic_held AS th, extraordinary_held AS ex,
              attendance_expected AS ae, attendance_attended AS aa
         FROM meeting_unit_months WHERE regular_held <> 0 OR thematic_held <> 0 OR extraordinary_held <> 0 OR attendance_expected <> 0
        ORDER BY 1, 2`,
    );
    expect(ownCounters).toEqual(await q(`SELECT committee_id, month::text AS month, rh, ro, th, ex, ae, aa FROM (${own}) o ORDER BY 1, 2`));
    expect(await q(`SELECT committee_id, units FROM committee_unit_counts WHERE units <> 0 ORDER BY 1`)).toEqual(
      await q(
        `SELECT a.id AS committee_id, count(*)::int AS units FROM (${units}) u
          CROSS JOIN LATERAL unnest(analytics_path_ids(u.path)) AS a(id) GROUP BY 1 ORDER BY 1`,
      ),
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    c.P = await createCommittee(t.db, { kind: 'province', name: 'Tỉnh ủy Thử nghiệm' });
    c.D1 = await createCommittee(t.db, { parent: c.P, name: 'Huyện ủy Một' });
    c.D2 = await createCommittee(t.db, { parent: c.P, name: 'Huyện ủy Hai' });
    c.G1 = await createCommittee(t.db, { parent: c.D1, name: 'Đảng bộ xã An Bình' });
    c.G2 = await createCommittee(t.db, { parent: c.D2, name: 'Đảng bộ xã Bình Minh' });
    // a grassroots organisation without branches (chi bộ cơ sở): a unit that meets itself
    c.G3 = await createCommittee(t.db, { parent: c.D1, name: 'Chi bộ cơ sở Trường Tiểu học' });
    c.B1 = await createCommittee(t.db, { parent: c.G1, name: 'Chi bộ thôn Đông' });
    c.B2 = await createCommittee(t.db, { parent: c.G1, name: 'Chi bộ thôn Tây' });
    c.B3 = await createCommittee(t.db, { parent: c.G2, name: 'Chi bộ thôn Nam' });
    c.B4 = await createCommittee(t.db, { parent: c.G2, name: 'Chi bộ thôn Bắc' });
    for (const [k, n] of [
      ['B1', 4],
      ['B2', 3],
      ['B3', 2],
      ['B4', 2],
      ['G3', 2],
    ] as const) {
      m[k] = [];
      for (let i = 0; i < n; i++) m[k].push(await createMember(t.db, c[k]));
    }
    // one exempted member in B1: invited, never counted absent
    m.B1[3] = await createMember(t.db, c.B1, { exempted: true, exemptedAt: '2020-01-01' });
    admin = await tokenFor(t, 'admin', null);
    d1Admin = await tokenFor(t, 'committee_admin', c.D1);
  });
  afterAll(async () => t?.close());

  it('counts a unit once per month, on-time scheduling, attendance and thematic meetings of the quarter, equal to a recount', async () => {
    const before = await report(admin, { committeeId: c.P.id, month: '2026-11' });
    // units: G1, G2, G3 (grassroots) and B1-B4 (branches)
    expect(before.total).toMatchObject({ committeeId: c.P.id, branches: 7, branchesHeld: 0, heldRate: 0, attendanceRate: 0 });

    // B1 holds its November meeting: 2 present, 1 excused, the exempted member stays away
    const b1 = await meeting(c.B1, {
      status: 'in_progress',
      attendance: [
        [m.B1[0], 'present'],
        [m.B1[1], 'late'],
        [m.B1[2], 'invited'],
        [m.B1[3], 'invited'],
      ],
    });
    await q(
      `UPDATE meeting_attendance SET state = CASE WHEN exempt THEN 'exempt' ELSE 'excused' END WHERE meeting_id = $1 AND state = 'invited'`,
      [b1],
    );
    await setStatus(b1, 'held');
    let r = await report(admin, { committeeId: c.P.id, month: '2026-11' });
    expect(r.total).toMatchObject({
      branches: 7,
      branchesHeld: 1,
      scheduledOnTime: 1,
      regularHeld: 1,
      attendanceExpected: 3,
      attendanceAttended: 2,
      attendanceRate: 0.6667,
    });
    await expectCountersEqualRecount();

    // a second regular meeting of B1 the same month (late): the unit still counts once
    await meeting(c.B1, { status: 'held', late: true, attendance: [[m.B1[0], 'present']] });
    // B2 holds its meeting late; its minutes are then locked (still counted)
    const b2 = await meeting(c.B2, { status: 'held', late: true, attendance: m.B2.map((x) => [x, 'present'] as [Member, string]) });
    await setStatus(b2, 'minutes_locked');
    // B3 schedules and cancels; G3 holds a thematic meeting in October and a regular one in December
    const b3 = await meeting(c.B3);
    await setStatus(b3, 'cancelled');
    await meeting(c.G3, { kind: 'thematic', month: '2026-10', status: 'held' });
    await meeting(c.G3, { month: '2026-12', status: 'held' });
    r = await report(admin, { committeeId: c.P.id, month: '2026-11' });
    expect(r.total).toMatchObject({
      branches: 7,
      branchesHeld: 2,
      heldRate: 0.2857,
      scheduledOnTime: 1,
      regularHeld: 3,
      thematicInQuarter: 1,
      attendanceExpected: 7,
      attendanceAttended: 6,
    });
    expect(r.quarter).toEqual(['2026-10', '2026-11', '2026-12']);
    const byName = Object.fromEntries(r.children.map((x: { name: string }) => [x.name, x]));
    expect(Object.keys(byName).sort()).toEqual(['Huyện ủy Hai', 'Huyện ủy Một'].sort());
    expect(byName['Huyện ủy Một']).toMatchObject({
      committeeId: c.D1.id,
      kind: 'subordinate',
      branches: 4,
      branchesHeld: 2,
      thematicInQuarter: 1,
    });
    expect(byName['Huyện ủy Hai']).toMatchObject({ committeeId: c.D2.id, branches: 3, branchesHeld: 0, regularHeld: 0 });
    // drill down: a district, then a grassroots organisation, then a branch
    r = await report(admin, { committeeId: c.G1.id, month: '2026-11' });
    expect(
      r.children
        .map((x: { committeeId: number; branchesHeld: number; scheduledOnTime: number }) => [
          x.committeeId,
          x.branchesHeld,
          x.scheduledOnTime,
        ])
        .sort(),
    ).toEqual(
      [
        [c.B1.id, 1, 1],
        [c.B2.id, 1, 0],
      ].sort(),
    );
    r = await report(admin, { committeeId: c.B1.id, month: '2026-11' });
    expect(r.total).toMatchObject({ branches: 1, branchesHeld: 1, regularHeld: 2 });
    expect(r.children).toEqual([]);
    await expectCountersEqualRecount();

    // the secretary corrects attendance after the close: the excused member was in fact there
    await q(`UPDATE meeting_attendance SET state = 'present' WHERE meeting_id = $1 AND member_id = $2`, [b1, m.B1[2].id]);
    r = await report(admin, { committeeId: c.B1.id, month: '2026-11' });
    expect(r.total).toMatchObject({ attendanceExpected: 4, attendanceAttended: 4 });
    // a held meeting moved back to another status, then deleted: no longer counted
    await setStatus(b1, 'cancelled');
    r = await report(admin, { committeeId: c.B1.id, month: '2026-11' });
    expect(r.total).toMatchObject({ branchesHeld: 1, scheduledOnTime: 0, regularHeld: 1, attendanceExpected: 1 });
    await q(`DELETE FROM meetings WHERE id = $1`, [b1]);
    await expectCountersEqualRecount();
  });

  it('keeps the counters exact when a branch moves to another parent and when one is merged', async () => {
    // B2 (held in November, late) moves from G1 (district 1) to G2 (district 2)
    await t.http().put(`/api/committees/${c.B2.id}`).set(auth(admin)).send({ parentId: c.G2.id }).expect(200);
    const r = await report(admin, { committeeId: c.P.id, month: '2026-11' });
    const byName = Object.fromEntries(r.children.map((x: { name: string }) => [x.name, x]));
    expect(byName['Huyện ủy Một']).toMatchObject({ branches: 3, branchesHeld: 1 });
    expect(byName['Huyện ủy Hai']).toMatchObject({ branches: 4, branchesHeld: 1, scheduledOnTime: 0 });
    expect(r.total).toMatchObject({ branches: 7, branchesHeld: 2 });
    await expectCountersEqualRecount();
    // the whole district 1 organisation G1 moves under district 2
    await t.http().put(`/api/committees/${c.G1.id}`).set(auth(admin)).send({ parentId: c.D2.id }).expect(200);
    await expectCountersEqualRecount();
    // B4 is merged into B3: B4 is archived, no longer a unit
    await t.http().post(`/api/committees/${c.B4.id}/merge`).set(auth(admin)).send({ targetId: c.B3.id }).expect(200);
    const after = await report(admin, { committeeId: c.P.id, month: '2026-11' });
    expect(after.total).toMatchObject({ branches: 6 });
    await expectCountersEqualRecount();
  });

  it('lists the units without a held regular meeting, with their parent, paged by the admin-list contract', async () => {
    const res = await t
      .http()
      .get('/api/analytics/meetings/missing')
      .query({ committeeId: c.P.id, month: '2026-11', sort: JSON.stringify(['name', 'ASC']), range: '[0,9]' })
      .set(auth(admin))
      .expect(200);
    // B1 held a second (late) meeting, B2 held (late) and moved, B4 was merged
    const rows = res.body.map((x: { name: string; parentName: string }) => [x.name, x.parentName]);
    expect([...rows].sort()).toEqual(
      [
        ['Chi bộ cơ sở Trường Tiểu học', 'Huyện ủy Một'],
        ['Chi bộ thôn Nam', 'Đảng bộ xã Bình Minh'],
        ['Đảng bộ xã An Bình', 'Huyện ủy Hai'],
        ['Đảng bộ xã Bình Minh', 'Huyện ủy Hai'],
      ].sort(),
    );
    expect(res.headers['content-range']).toBe('meeting-report-missing 0-3/4');
    // in the database's order of names, whatever its collation; a page is a slice of it
    const [order] = await q(`SELECT array_agg(name ORDER BY name, id) AS names FROM committees WHERE id = ANY ($1::int[])`, [
      res.body.map((x: { id: number }) => x.id),
    ]);
    expect(res.body.map((x: { name: string }) => x.name)).toEqual(order.names);
    const page = await t
      .http()
      .get('/api/analytics/meetings/missing')
      .query({ committeeId: c.P.id, month: '2026-11', range: '[1,2]' })
      .set(auth(admin))
      .expect(200);
    expect(page.body).toEqual(res.body.slice(1, 3));
    expect(page.headers['content-range']).toBe('meeting-report-missing 1-2/4');
    // December: G3 held its regular meeting
    const dec = await t
      .http()
      .get('/api/analytics/meetings/missing')
      .query({ committeeId: c.P.id, month: '2026-12' })
      .set(auth(admin))
      .expect(200);
    expect(dec.body.map((x: { id: number }) => x.id)).not.toContain(c.G3.id);
    expect(dec.body).toHaveLength(5);
    expect(dec.headers['content-range']).toBe('meeting-report-missing 0-4/5');
  });

  it('answers for the caller home committee by default, 404 outside the scope, 400 on a bad month', async () => {
    const own = await report(d1Admin, { month: '2026-11' });
    expect(own.committee.id).toBe(c.D1.id);
    const secretary = await tokenFor(t, 'secretary', c.G3);
    const branch = await report(secretary, { month: '2026-12' });
    expect(branch.total).toMatchObject({ committeeId: c.G3.id, branches: 1, branchesHeld: 1 });
    for (const path of ['/api/analytics/meetings', '/api/analytics/meetings/missing']) {
      const out = await t.http().get(path).query({ committeeId: c.D2.id }).set(auth(d1Admin));
      expect(out.status).toBe(404);
      const bad = await t.http().get(path).query({ month: '2026-13' }).set(auth(d1Admin));
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty('month');
    }
    const member = await tokenFor(t, 'member', c.B3);
    expect((await t.http().get('/api/analytics/meetings').set(auth(member))).status).toBe(403);
  });
});
