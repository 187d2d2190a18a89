import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACTIVITY_TIME_ZONE } from '../../src/analytics/analytics.rules.js';
import { addDays, startOfDay } from '../../src/analytics/calendar.js';
import { localDate } from '../../src/common/dates.js';
import { appOpen, sendEvents } from '../factories/analytics.js';
import { createMember, createTree, createUser, login } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The analytics day is stated once in the code (ACTIVITY_TIME_ZONE, src/analytics/analytics.rules.ts);
 * the migrations wrote the same zone into the database functions that keep the counters
 * (migrations/1795671956292-analytics.ts, 1795681305117-analytics-sessions.ts). These tests hold the
 * two together: a migration or a constant that drifts from the other fails here.
 */
describe('the analytics time zone: the code and the database functions agree', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof createTree>>;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createTree(t.db);
  });
  afterAll(async () => t?.close());

  it('every analytics function of the database names ACTIVITY_TIME_ZONE and no other zone', async () => {
    const fns: { name: string; src: string }[] = await t.db.query(
      `SELECT proname AS name, prosrc AS src FROM pg_proc WHERE proname LIKE 'analytics\\_%' ORDER BY 1`,
    );
    const zones = new Map(fns.map((f) => [f.name, [...f.src.matchAll(/AT TIME ZONE\s+'([^']+)'/gi)].map((m) => m[1])]));
    // the install-day counters (triggers on members and committees) take their day in the zone
    for (const fn of [
      'analytics_members_inserted',
      'analytics_members_updated',
      'analytics_members_deleted',
      'analytics_committees_moved',
    ]) {
      expect(zones.get(fn)?.length).toBeGreaterThan(0);
    }
    expect([...new Set([...zones.values()].flat())]).toEqual([ACTIVITY_TIME_ZONE]);
  });

  it('an install at 23:30 and one at 00:30 in Hà Nội count on the days the code computes', async () => {
    const branch = tree.branchA;
    const late = new Date(startOfDay('2025-03-02').getTime() - 30 * 60_000); // 2025-03-01 23:30 in Hà Nội
    const early = new Date(startOfDay('2025-03-02').getTime() + 30 * 60_000); // 2025-03-02 00:30, still 1 March in UTC
    expect(early.toISOString().slice(0, 10)).toBe('2025-03-01');
    await createMember(t.db, branch, { installedAt: late });
    await createMember(t.db, branch, { installedAt: early });
    const days: { day: string; installs: number }[] = await t.db.query(
      `SELECT day::text AS day, installs FROM committee_install_days WHERE committee_id = $1 ORDER BY day`,
      [branch.id],
    );
    expect(days).toEqual([
      { day: localDate(late), installs: 1 },
      { day: localDate(early), installs: 1 },
    ]);
    expect(days.map((d) => d.day)).toEqual(['2025-03-01', '2025-03-02']);
  });

  it('an app open just after midnight in Hà Nội is activity of that Vietnam day', async () => {
    const member = await createMember(t.db, tree.branchB);
    const token = (await login(t.http, await createUser(t.db, 'member', tree.branchB, { memberId: member.id }))).accessToken;
    // a quarter past midnight yesterday in Hà Nội: the day before in UTC
    const yesterday = addDays(localDate(), -1);
    const at = new Date(startOfDay(yesterday).getTime() + 15 * 60_000);
    expect((await sendEvents(t.http, token, [appOpen(at.toISOString())]).expect(202)).body.accepted).toBe(1);
    const [row]: { day: string }[] = await t.db.query(`SELECT day::text AS day FROM member_daily_activity WHERE member_id = $1`, [
      member.id,
    ]);
    expect(row.day).toBe(yesterday);
  });
});
