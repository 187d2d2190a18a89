import { describe, expect, it } from '@jest/globals';
import { demoUsage, OPENS_PER_MEMBER_DAY, type UsageContent, type UsageMember } from './demo-usage.js';

const now = new Date('2026-11-26T03:00:00Z'); // 10:00 in Vietnam
const day = 86_400_000;
const content: UsageContent = {
  documents: [
    { id: 'd-province', committeeId: 1 },
    { id: 'd-other-district', committeeId: 3 },
  ],
  news: [{ id: 'n-district', committeeId: 2 }],
  faqs: [{ id: 'f-province', committeeId: 1 }],
  surveys: [],
};

describe('demoUsage', () => {
  const members: UsageMember[] = Array.from({ length: 2000 }, (_, i) => ({
    id: `m${i}`,
    installedAt: new Date(now.getTime() - (i % 2 ? 400 : 30) * day),
    ancestors: [1, 2, 10 + i],
  }));
  const usage = demoUsage(members, content, now, 90);
  const all = [...usage.values()].flat();

  it("opens the app at Thái Nguyên's rate: about 0.047 times per member per day", () => {
    const memberDays = members.reduce((n, m) => n + Math.min(90, (now.getTime() - m.installedAt.getTime()) / day), 0);
    const rate = all.filter((e) => e.type === 'app_open').length / memberDays;
    expect(rate).toBeGreaterThan(OPENS_PER_MEMBER_DAY * 0.8);
    expect(rate).toBeLessThan(OPENS_PER_MEMBER_DAY * 1.2);
  });

  it("views only what the member's chain published, never before the install nor after now", () => {
    const targets = new Set(all.flatMap((e) => (e.targetId ? [e.targetId] : [])));
    expect([...targets].sort()).toEqual(['d-province', 'f-province', 'n-district']);
    for (const [id, events] of usage) {
      const installed = members.find((m) => m.id === id)!.installedAt.getTime();
      for (const e of events) {
        expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(installed);
        expect(Date.parse(e.occurredAt)).toBeLessThanOrEqual(now.getTime());
      }
    }
  });

  it('includes today up to now: the dashboard\'s "active today" is not zero', () => {
    const todayAt6 = Date.parse('2026-11-26T06:00:00+07:00');
    expect(all.filter((e) => Date.parse(e.occurredAt) >= todayAt6).length).toBeGreaterThan(0);
  });

  it('keeps to the window and to waking hours (06:00-22:00 in Vietnam)', () => {
    for (const e of all) {
      const t = Date.parse(e.occurredAt);
      expect(t).toBeGreaterThanOrEqual(now.getTime() - 90 * day);
      const hour = (new Date(t).getUTCHours() + 7) % 24;
      expect(hour).toBeGreaterThanOrEqual(6);
      expect(hour).toBeLessThan(22);
    }
  });
});
