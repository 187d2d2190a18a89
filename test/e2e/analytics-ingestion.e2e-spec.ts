import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventsService } from '../../src/analytics/events.service.js';
import { PartitionsService } from '../../src/analytics/partitions.service.js';
import { analyticsDiscrepancies, appOpen, at, daysAgo, sendEvents, view } from '../factories/analytics.js';
import { createTree, createUser, login, tokenFor } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The month `n` months before the current one (Vietnam time), as YYYY-MM-01. */
function monthsAgo(n: number): string {
  const today = daysAgo(0);
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - n, 1));
  return d.toISOString().slice(0, 10);
}

describe('usage events: POST /api/me/events', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;
  let memberToken: string;
  let memberId: string;
  let adminToken: string;

  const rollups = async () => ({
    events: (await t.db.query(`SELECT count(*)::int AS n FROM access_events`))[0].n,
    daily: await t.db.query(
      `SELECT committee_id, day::text, visits, views_document, views_news, views_other, unique_members
         FROM committee_daily_activity ORDER BY committee_id, day`,
    ),
    monthly: await t.db.query(`SELECT committee_id, month::text, unique_members FROM committee_monthly_activity ORDER BY 1, 2`),
    content: await t.db.query(`SELECT committee_id, day::text, target_type, target_id, views FROM content_daily_views ORDER BY 1, 2, 3, 4`),
  });

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
    const member = await createUser(t.db, 'member', tree.branchA);
    memberId = member.memberId!;
    memberToken = (await login(t.http, member)).accessToken;
    adminToken = await tokenFor(t, 'admin', null);
  });
  afterAll(async () => t?.close());

  it('stores a batch with its rollups on every committee above the member, and a retry stores nothing twice', async () => {
    const day = daysAgo(2);
    const doc = randomUUID();
    const batch = [
      appOpen(at(day, '07:10')),
      appOpen(at(day, '20:45')),
      view('document', doc, at(day, '07:12')),
      view('news', randomUUID(), at(day, '07:15')),
      view('faq', randomUUID(), at(day, '07:20')),
    ];
    const first = await sendEvents(t.http, memberToken, batch).expect(202);
    expect(first.body).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
    const after = await rollups();
    expect(after.events).toBe(5);
    // the branch, its grassroots organisation, the district and the province: one row each for the day
    const path = [tree.province.id, tree.districtA.id, tree.grassA.id, tree.branchA.id].sort((a, b) => a - b);
    expect(after.daily).toEqual(
      path.map((id) => ({ committee_id: id, day, visits: 2, views_document: 1, views_news: 1, views_other: 1, unique_members: 1 })),
    );
    expect(after.monthly.map((r: any) => [r.committee_id, r.unique_members])).toEqual(path.map((id) => [id, 1]));
    // views per item are kept for every committee above the member, down to their branch
    expect(after.content.filter((r: any) => r.target_id === doc).map((r: any) => [r.committee_id, r.views])).toEqual(
      path.map((id) => [id, 1]),
    );

    const retry = await sendEvents(t.http, memberToken, batch).expect(202);
    expect(retry.body).toEqual({ accepted: 0, duplicates: 5, rejected: [] });
    expect(await rollups()).toEqual(after);

    // a batch repeating part of the last one and adding one: only the new event counts, once
    const more = await sendEvents(t.http, memberToken, [batch[0], appOpen(at(day, '21:30')), batch[1]]).expect(202);
    expect(more.body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const daily = (await rollups()).daily.find((r: any) => r.committee_id === tree.province.id);
    expect(daily).toMatchObject({ visits: 3, unique_members: 1 });
    expect(await analyticsDiscrepancies(t.db)).toEqual([]);
  });

  it('refuses bad events one by one, with a reason, and keeps the rest of the batch', async () => {
    const before = await rollups();
    const good = appOpen(at(daysAgo(1)));
    const future = appOpen(new Date(Date.now() + 3_600_000).toISOString());
    const slightlyAhead = appOpen(new Date(Date.now() + 5 * 60_000).toISOString());
    const tooOld = appOpen(at(`${monthsAgo(14).slice(0, 8)}15`));
    const dupInBatch = { ...good };
    const res = await sendEvents(t.http, memberToken, [
      good,
      future,
      slightlyAhead,
      tooOld,
      dupInBatch,
      { id: 'not-a-uuid', type: 'app_open', occurredAt: at(daysAgo(1)) },
      { id: randomUUID(), type: 'view', occurredAt: at(daysAgo(1)) },
      { id: randomUUID(), type: 'app_open', targetType: 'news', targetId: randomUUID(), occurredAt: at(daysAgo(1)) },
      { id: randomUUID(), type: 'scroll', occurredAt: at(daysAgo(1)) },
      { id: randomUUID(), type: 'app_open', occurredAt: '2025-01-01 09:00' },
      { id: randomUUID(), type: 'app_open', occurredAt: at(daysAgo(1)), ip: '203.0.113.9' },
      null,
    ]).expect(202);
    expect(res.body.accepted).toBe(2);
    expect(res.body.duplicates).toBe(1);
    expect(res.body.rejected).toEqual([
      { id: future.id, reason: 'future' },
      { id: tooOld.id, reason: 'too_old' },
      { id: 'not-a-uuid', reason: 'invalid' },
      { id: expect.any(String), reason: 'invalid' },
      { id: expect.any(String), reason: 'invalid' },
      { id: expect.any(String), reason: 'invalid' },
      { id: expect.any(String), reason: 'invalid' },
      { id: expect.any(String), reason: 'invalid' },
      { id: null, reason: 'invalid' },
    ]);
    expect((await rollups()).events).toBe(before.events + 2);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM access_events WHERE id = $1`, [future.id]);
    expect(n).toBe(0);
    expect(await analyticsDiscrepancies(t.db)).toEqual([]);
  });

  it('refuses a batch that is not one, and callers that are not members', async () => {
    const before = await rollups();
    const tooMany = Array.from({ length: 501 }, () => appOpen(at(daysAgo(1))));
    const big = await sendEvents(t.http, memberToken, tooMany).expect(400);
    expect(big.body.errors).toEqual({ events: 'events must hold at most 500 events' });
    await sendEvents(t.http, memberToken, []).expect(400);
    await t.http().post('/api/me/events').set('Authorization', `Bearer ${memberToken}`).send({ events: {} }).expect(400);
    await t
      .http()
      .post('/api/me/events')
      .send({ events: [appOpen(at(daysAgo(1)))] })
      .expect(401);
    await sendEvents(t.http, adminToken, [appOpen(at(daysAgo(1)))]).expect(403);
    expect(await rollups()).toEqual(before);
  });

  it("records the member's committee at ingestion: after a transfer, new events count where the member is now", async () => {
    const day = daysAgo(0);
    await t
      .http()
      .post(`/api/members/${memberId}/transfer`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ committeeId: tree.branchB.id })
      .expect(200);
    await sendEvents(t.http, memberToken, [appOpen(at(day, '00:01')), view('news', randomUUID(), at(day, '00:02'))]).expect(202);
    const [event] = await t.db.query(`SELECT committee_id, committee_path::text AS path FROM access_events WHERE occurred_at = $1`, [
      at(day, '00:01'),
    ]);
    expect(event).toEqual({ committee_id: tree.branchB.id, path: tree.branchB.path });
    // the new branch's chain counts the member today; the province counts them once, whichever branch they were seen in
    const rows = await t.db.query(
      `SELECT committee_id, visits, views_news, unique_members FROM committee_daily_activity WHERE day = $1 AND committee_id = ANY ($2::int[]) ORDER BY 1`,
      [day, [tree.districtB.id, tree.grassB.id, tree.branchB.id]],
    );
    expect(rows).toEqual(
      [tree.districtB.id, tree.grassB.id, tree.branchB.id]
        .sort((a, b) => a - b)
        .map((id) => ({ committee_id: id, visits: 1, views_news: 1, unique_members: 1 })),
    );
    const [province] = await t.db.query(`SELECT unique_members FROM committee_daily_activity WHERE day = $1 AND committee_id = $2`, [
      day,
      tree.province.id,
    ]);
    expect(province.unique_members).toBe(1);
    // never a client address
    const columns = (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'access_events'`)).map(
      (r: any) => r.column_name,
    );
    expect(columns.filter((c: string) => /ip|addr|agent/i.test(c))).toEqual([]);
    expect(await analyticsDiscrepancies(t.db)).toEqual([]);
  });

  it("takes several members' batches in one statement (the demo seed's way) with the rollups their own batches would give", async () => {
    const events = t.app.get(EventsService);
    const a = (await createUser(t.db, 'member', tree.branchA)).memberId!;
    const b = (await createUser(t.db, 'member', tree.branchB)).memberId!;
    const day = daysAgo(3);
    const shared = appOpen(at(day, '08:00'));
    const before = (await rollups()).monthly.find((r: any) => r.committee_id === tree.province.id && r.month === `${day.slice(0, 7)}-01`);
    const results = await events.ingestBatches([
      {
        memberId: a,
        events: [shared, view('news', randomUUID(), at(day, '08:05')), appOpen(at(day, '19:00')), appOpen(at(daysAgo(4), '07:00'))],
      },
      // b's first event has an id a sent in this very call: a duplicate, as on a retry
      { memberId: b, events: [shared, appOpen(at(day, '08:01')), { id: 'not-an-id' }] },
    ]);
    expect(results).toEqual([
      { accepted: 4, duplicates: 0, rejected: [] },
      { accepted: 1, duplicates: 1, rejected: [{ id: 'not-an-id', reason: 'invalid' }] },
    ]);
    // both members counted once in the province's month (one statement, one row per committee and month)
    const after = (await rollups()).monthly.find((r: any) => r.committee_id === tree.province.id && r.month === `${day.slice(0, 7)}-01`);
    expect(after.unique_members - (before?.unique_members ?? 0)).toBe(2);
    const [province] = await t.db.query(
      `SELECT visits, unique_members FROM committee_daily_activity WHERE day = $1 AND committee_id = $2`,
      [day, tree.province.id],
    );
    expect(province).toEqual({ visits: 3, unique_members: 2 });
    expect(await analyticsDiscrepancies(t.db)).toEqual([]);
    // a member without a record: refused, theirs stored nowhere
    const ghost = appOpen(at(day, '10:00'));
    await expect(events.ingestBatches([{ memberId: randomUUID(), events: [ghost] }])).rejects.toMatchObject({ status: 404 });
    expect(await t.db.query(`SELECT 1 FROM access_event_ids WHERE id = $1`, [ghost.id])).toEqual([]);
  });

  it('keeps monthly partitions ahead, and moves events that landed in DEFAULT into their month when it is created', async () => {
    const partitions = t.app.get(PartitionsService);
    const names = await partitions.partitions();
    // the retention window (13 months), the current month and two ahead
    expect(names).toHaveLength(16);
    expect(names[names.length - 1]).toBe(`access_events_p${monthsAgo(-2).slice(0, 7).replace('-', '')}`);
    // an event five months ahead has no partition: it lands in DEFAULT
    const month = monthsAgo(-5);
    await t.db.query(
      `INSERT INTO access_events (id, occurred_at, member_id, committee_id, committee_path, type) VALUES ($1, $2, $3, $4, $5::ltree, 'app_open')`,
      [randomUUID(), `${month}T12:00:00+07:00`, memberId, tree.branchA.id, tree.branchA.path],
    );
    const where = async () =>
      (
        await t.db.query(`SELECT tableoid::regclass::text AS part FROM access_events WHERE occurred_at = $1`, [`${month}T12:00:00+07:00`])
      )[0].part;
    expect(await where()).toBe('access_events_default');
    const later = new Date(Date.now() + 100 * 86_400_000);
    const { created } = await partitions.maintain(later);
    expect(created).toContain(`access_events_p${month.slice(0, 7).replace('-', '')}`);
    expect(await where()).toBe(`access_events_p${month.slice(0, 7).replace('-', '')}`);
    await t.db.query(`DELETE FROM access_events WHERE occurred_at = $1`, [`${month}T12:00:00+07:00`]);
  });
});

describe('the retention of raw events: POST /api/analytics/maintenance/purge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('drops the months that fell out of the retention window and keeps the rollups', async () => {
    const tree = await createTree(t.db);
    const member = await createUser(t.db, 'member', tree.branchA);
    const token = (await login(t.http, member)).accessToken;
    const admin = await tokenFor(t, 'admin', null);
    const oldDay = `${monthsAgo(5).slice(0, 8)}10`;
    const recentDay = daysAgo(0);
    await sendEvents(t.http, token, [
      appOpen(at(oldDay)),
      appOpen(at(oldDay, '10:00')),
      view('document', randomUUID(), at(oldDay)),
      appOpen(at(recentDay, '00:05')),
    ]).expect(202);
    const dailyBefore = await t.db.query(`SELECT * FROM committee_daily_activity ORDER BY committee_id, day`);

    // a committee admin may not purge; nothing happens
    const committeeAdmin = await tokenFor(t, 'committee_admin', tree.province);
    await t.http().post('/api/analytics/maintenance/purge').set('Authorization', `Bearer ${committeeAdmin}`).expect(403);

    // with 13 months nothing has expired yet
    const none = await t.http().post('/api/analytics/maintenance/purge').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(none.body).toMatchObject({ retentionMonths: 13, droppedMonths: [], deletedFromDefault: 0 });

    // the retention is shortened to 2 months: the month of the old events goes, with its events
    t.config.EVENT_RETENTION_MONTHS = 2;
    const res = await t.http().post('/api/analytics/maintenance/purge').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(res.body.retentionMonths).toBe(2);
    expect(res.body.cutoff).toBe(new Date(`${monthsAgo(2)}T00:00:00+07:00`).toISOString());
    expect(res.body.droppedMonths).toContainEqual({ month: oldDay.slice(0, 7), events: 3 });
    expect(res.body.droppedMonths.map((d: any) => d.month)).toEqual(
      [
        monthsAgo(13),
        monthsAgo(12),
        monthsAgo(11),
        monthsAgo(10),
        monthsAgo(9),
        monthsAgo(8),
        monthsAgo(7),
        monthsAgo(6),
        monthsAgo(5),
        monthsAgo(4),
        monthsAgo(3),
      ].map((m) => m.slice(0, 7)),
    );
    expect(res.body.deletedMemberDays).toBe(1);
    const events = await t.db.query(`SELECT occurred_at FROM access_events`);
    expect(events).toHaveLength(1);
    // the reports' rollups are all still there
    expect(await t.db.query(`SELECT * FROM committee_daily_activity ORDER BY committee_id, day`)).toEqual(dailyBefore);
    const visits = await t
      .http()
      .get(`/api/analytics/visits?committeeId=${tree.province.id}&from=${oldDay}&to=${oldDay}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(visits.body.total).toMatchObject({ visits: 2, memberDays: 1, views: { document: 1, news: 0, other: 0 } });
    // an event of the dropped month is now refused as too old, so the rollups cannot count it twice
    const late = await sendEvents(t.http, token, [appOpen(at(oldDay, '11:00'))]).expect(202);
    expect(late.body.rejected).toEqual([{ id: expect.any(String), reason: 'too_old' }]);
    const [audit] = await t.db.query(`SELECT action, details FROM audit_log WHERE action = 'analytics.purge' ORDER BY id DESC LIMIT 1`);
    expect(audit.details.droppedMonths).toContainEqual({ month: oldDay.slice(0, 7), events: 3 });
    t.config.EVENT_RETENTION_MONTHS = 13;
  });
});
