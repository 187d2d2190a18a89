import { randomUUID } from 'node:crypto';
import { mulberry32 } from './demo-province.js';

/**
 * The demo province's recent use of the app, as the phones would have sent it: for each installed
 * member, the days they opened the app over the last `days` days and what they read on those days.
 * The events go through the real ingestion (EventsService), so every report reads rollups made by
 * the product's own code.
 *
 * Rates are Thái Nguyên's (2022): ~4,700 app opens a day for ~100,000 members, i.e. 0.047 opens per
 * member per day. Members differ: 60% light users, 30% regular, 10% heavy (the same mix as the
 * benchmark's national dataset). A day of use holds 1-2 openings and a few views of documents, news,
 * FAQ entries and surveys their committee chain published (the newest ones more often).
 */
export const OPENS_PER_MEMBER_DAY = 0.047;
const OPENS_PER_ACTIVE_DAY = 1.3;
const DAY_MS = 86_400_000;

export interface UsageMember {
  id: string;
  installedAt: Date;
  /** The member's committee and those above it. */
  ancestors: number[];
}

export interface UsageContent {
  /** Newest first: popularity falls with age. */
  documents: { id: string; committeeId: number }[];
  news: { id: string; committeeId: number }[];
  faqs: { id: string; committeeId: number }[];
  surveys: { id: string; committeeId: number }[];
}

export interface UsageEvent {
  id: string;
  type: 'app_open' | 'view';
  targetType?: 'document' | 'news' | 'faq' | 'survey';
  targetId?: string;
  occurredAt: string;
}

/** Events per member (members without a day of use are left out), none after `now`. */
export function demoUsage(
  members: UsageMember[],
  content: UsageContent,
  now: Date,
  days: number,
  seed = 20_221_115,
): Map<string, UsageEvent[]> {
  const rng = mulberry32(seed);
  const out = new Map<string, UsageEvent[]>();
  const first = now.getTime() - days * DAY_MS;
  for (const member of members) {
    const r = rng();
    const weight = (r < 0.6 ? 0.35 : r < 0.9 ? 1.5 : 3.9) * (0.7 + 0.6 * rng());
    const pDay = (OPENS_PER_MEMBER_DAY / OPENS_PER_ACTIVE_DAY) * weight;
    const from = Math.max(first, member.installedAt.getTime());
    const visible = <T extends { committeeId: number }>(list: T[]) => list.filter((c) => member.ancestors.includes(c.committeeId));
    const mine = {
      document: visible(content.documents),
      news: visible(content.news),
      faq: visible(content.faqs),
      survey: visible(content.surveys),
    };
    const events: UsageEvent[] = [];
    // each calendar day (Vietnam) from the install or the window's start to today; an event is
    // kept only between the install and now, so today is as far along as the clock
    for (let dayStart = dayStartVn(from); dayStart <= now.getTime(); dayStart += DAY_MS) {
      if (rng() >= pDay) continue;
      const add = (at: number, event: Omit<UsageEvent, 'id' | 'occurredAt'>) => {
        if (at >= from && at < now.getTime()) events.push({ id: randomUUID(), ...event, occurredAt: new Date(at).toISOString() });
      };
      // the app is opened once or twice a day of use (06:00-21:30), and content is read during a
      // visit: each view 1-20 minutes after one of the day's opens (a visit ends after 30 idle minutes)
      const opens: number[] = [];
      const open = () => {
        const at = dayStart + (6 + 15.5 * rng()) * 3_600_000;
        opens.push(at);
        add(at, { type: 'app_open' });
      };
      open();
      if (rng() < 0.3) open();
      const view = (targetType: keyof typeof mine, probability: number, skew: number) => {
        const list = mine[targetType];
        if (list.length === 0 || rng() >= probability) return;
        const at = opens[Math.floor(rng() * opens.length)] + (1 + 19 * rng()) * 60_000;
        add(at, { type: 'view', targetType, targetId: list[Math.floor(rng() ** skew * list.length)].id });
      };
      view('document', 0.4, 3);
      view('document', 0.15, 3);
      view('news', 0.5, 3);
      view('news', 0.2, 3);
      view('faq', 0.14, 1);
      view('survey', 0.06, 1);
    }
    if (events.length) out.set(member.id, events);
  }
  return out;
}

/** Midnight (Vietnam, UTC+7 all year) of the day that holds `t`. */
function dayStartVn(t: number): number {
  const offset = 7 * 3_600_000;
  return Math.floor((t + offset) / DAY_MS) * DAY_MS - offset;
}
