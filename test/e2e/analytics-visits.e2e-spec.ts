import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Committee } from '../../src/committees/committee.entity.js';
import { analyticsDiscrepancies, appOpen, at, daysAgo, sendEvents, view, type SentEvent } from '../factories/analytics.js';
import { createTree, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A small cap, so that a test can cross it with a few events. */
const CAP = 20;

/**
 * Visits are sessions, as analytics tools count them: a member's activity after 30 minutes without
 * any is a new visit; more activity within the window is the same visit, whatever order it arrives in.
 * Events beyond EVENTS_MAX_COUNTED_PER_MEMBER_DAY a day are stored, not counted, and the members
 * who sent them are reported.
 */
describe('visits are sessions of a member, and an over-rate member is reported, not counted', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let admin: string;

  const report = async (committee: Committee, day: string) => {
    const res = await t
      .http()
      .get(`/api/analytics/visits?committeeId=${committee.id}&from=${day}&to=${day}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const d = res.body.series[0];
    return { visits: d.visits, uniqueMembers: d.uniqueMembers, views: d.views, overRateMembers: d.overRateMembers };
  };
  /** A member of a fresh branch of its own, so that each test reads its own figures. */
  const memberOfNewBranch = async (parent: Committee) => {
    const { createCommittee } = await import('../factories/index.js');
    const branch = await createCommittee(t.db, { parent, name: `Chi bộ ${randomUUID().slice(0, 6)}` });
    return { branch, token: await tokenFor(t, 'member', branch) };
  };
  const minutes = (day: string, hh: number, mm: number) =>
    at(day, `${String(hh + Math.floor(mm / 60)).padStart(2, '0')}:${String(mm % 60).padStart(2, '0')}`);

  beforeAll(async () => {
    t = await createTestApp({ EVENTS_MAX_COUNTED_PER_MEMBER_DAY: String(CAP) });
    tree = await createTree(t.db);
    admin = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  it('three batches of 500 app opens within minutes from one member are one visit (and the member is over the rate)', async () => {
    const { branch, token } = await memberOfNewBranch(tree.grassA);
    const day = daysAgo(1);
    for (let b = 0; b < 3; b++) {
      // 500 opens spread over 10 minutes, the three batches in 25 minutes
      const batch = Array.from({ length: 500 }, (_, i) => appOpen(new Date(Date.parse(minutes(day, 9, b * 8)) + i * 1200).toISOString()));
      expect((await sendEvents(t.http, token, batch).expect(202)).body).toEqual({ accepted: 500, duplicates: 0, rejected: [] });
    }
    expect(await report(branch, day)).toEqual({
      visits: 1,
      uniqueMembers: 1,
      views: { document: 0, news: 0, other: 0 },
      overRateMembers: 1,
    });
    // every event is stored
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM access_events WHERE committee_id = $1`, [branch.id]);
    expect(n).toBe(1500);
    expect(await analyticsDiscrepancies(t.db, CAP)).toEqual([]);
  });

  it('opens 31 minutes apart are two visits, 29 minutes apart one; any activity keeps the visit going', async () => {
    const { branch, token } = await memberOfNewBranch(tree.grassA);
    const day = daysAgo(2);
    await sendEvents(t.http, token, [appOpen(minutes(day, 8, 0)), appOpen(minutes(day, 8, 31))]).expect(202);
    expect((await report(branch, day)).visits).toBe(2);
    // 10:00 open, a view at 10:25, an open at 10:50 (25 minutes after the view): one visit; 11:19 (29 minutes later): the same
    await sendEvents(t.http, token, [
      appOpen(minutes(day, 10, 0)),
      view('news', randomUUID(), minutes(day, 10, 25)),
      appOpen(minutes(day, 10, 50)),
      appOpen(minutes(day, 11, 19)),
    ]).expect(202);
    expect(await report(branch, day)).toMatchObject({ visits: 3, views: { document: 0, news: 1, other: 0 }, overRateMembers: 0 });
    expect(await analyticsDiscrepancies(t.db, CAP)).toEqual([]);
  });

  it('late events (queued offline, sent afterwards) give the same figures as the same events sent in order', async () => {
    const a = await memberOfNewBranch(tree.grassB);
    const b = await memberOfNewBranch(tree.grassB);
    const day = daysAgo(3);
    const doc = randomUUID();
    // 08:00, 08:20, 08:40, 09:05 (one visit: no gap of 30 minutes), 10:00 (a second), and a view at 10:10
    const times = [minutes(day, 8, 0), minutes(day, 8, 20), minutes(day, 8, 40), minutes(day, 9, 5), minutes(day, 10, 0)];
    const inOrder = [...times.map((x) => appOpen(x)), view('document', doc, minutes(day, 10, 10))];
    await sendEvents(t.http, a.token, inOrder).expect(202);
    expect(await report(a.branch, day)).toMatchObject({ visits: 2, views: { document: 1, news: 0, other: 0 } });

    // the same events one batch each, latest first, the bridging 08:20 last
    const late = (i: number): SentEvent => ({ ...inOrder[i], id: randomUUID() });
    const steps: [number, number][] = [
      [5, 1],
      [4, 1],
      [3, 2],
      [2, 2],
      [0, 3],
      [1, 2],
    ]; // [event, visits after it]
    for (const [i, visits] of steps) {
      await sendEvents(t.http, b.token, [late(i)]).expect(202);
      expect({ after: i, visits: (await report(b.branch, day)).visits }).toEqual({ after: i, visits });
    }
    expect(await report(b.branch, day)).toEqual(await report(a.branch, day));
    // the district adds both up
    expect((await report(tree.grassB, day)).visits).toBe(4);
    expect(await analyticsDiscrepancies(t.db, CAP)).toEqual([]);
  });

  it('a member over the daily rate: the extra events are stored, not counted, and the member is reported on that day up the tree', async () => {
    const { branch, token } = await memberOfNewBranch(tree.grassB);
    const other = await memberOfNewBranch(tree.grassB);
    const day = daysAgo(4);
    const doc = randomUUID();
    // CAP + 10 views of one document over the day, in three batches, a visit every hour
    const events = Array.from({ length: CAP + 10 }, (_, i) => view('document', doc, minutes(day, 6, i * 20)));
    const opens = [appOpen(minutes(day, 6, 0))];
    await sendEvents(t.http, token, [...opens, ...events.slice(0, 9)]).expect(202);
    await sendEvents(t.http, token, events.slice(9, 19)).expect(202);
    // exactly CAP events: not over the rate yet
    expect((await report(branch, day)).overRateMembers).toBe(0);
    await sendEvents(t.http, token, events.slice(19)).expect(202);
    await sendEvents(t.http, other.token, [appOpen(minutes(day, 7, 0)), view('document', doc, minutes(day, 7, 1))]).expect(202);

    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM access_events WHERE committee_id = $1`, [branch.id]);
    expect(n).toBe(CAP + 11);
    // the first CAP events of the day count (one open and CAP - 1 views); the visits follow the activity
    expect(await report(branch, day)).toEqual({
      visits: 1,
      uniqueMembers: 1,
      views: { document: CAP - 1, news: 0, other: 0 },
      overRateMembers: 1,
    });
    expect(await report(other.branch, day)).toMatchObject({ views: { document: 1, news: 0, other: 0 }, overRateMembers: 0 });
    for (const c of [tree.grassB, tree.districtB, tree.province]) {
      expect(await report(c, day)).toMatchObject({ uniqueMembers: 2, views: { document: CAP, news: 0, other: 0 }, overRateMembers: 1 });
    }
    // the report's totals carry the over-rate member-days, and the other district has none
    const res = await t
      .http()
      .get(`/api/analytics/visits?committeeId=${tree.province.id}&from=${daysAgo(6)}&to=${day}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(res.body.total.overRateMemberDays).toBe(1);
    expect(res.body.children.find((c: any) => c.committeeId === tree.districtA.id).total.overRateMemberDays).toBe(0);
    expect(res.body.children.find((c: any) => c.committeeId === tree.districtB.id).total.overRateMemberDays).toBe(1);
    expect(await analyticsDiscrepancies(t.db, CAP)).toEqual([]);
  });
});
