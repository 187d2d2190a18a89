import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import { ActivityReportRepository, type ActivityRow } from './activity-report.repository.js';
import { localDate } from '../common/dates.js';
import { addDays, daysBetween, monthOf } from './calendar.js';
import { ContentTitles } from './content-titles.registry.js';
import type { DateWindow } from './dto/report.response.js';
import type { TopContentQuery, VisitsQuery } from './dto/report-query.dto.js';
import type { TopContentResponse, VisitAverage, VisitChild, VisitDay, VisitsResponse, VisitTotals } from './dto/visits.response.js';
import { RANKED_TARGET_TYPES } from './analytics.rules.js';
import { ratio, ReportScope, resolveWindow, toReportCommittee, windowDays } from './report-scope.js';

export const VISITS_DEFAULT_DAYS = 30;
export const TOP_CONTENT_DEFAULT_LIMIT = 10;

const totals = (r: ActivityRow): VisitTotals => ({
  visits: r.visits,
  memberDays: r.unique_members,
  views: { document: r.views_document, news: r.views_news, other: r.views_other },
  overRateMemberDays: r.over_rate_members,
});
/**
 * The days of `window` an average may count: from the first day with data (days before it are unknown,
 * not zero) to the last complete one (today is not over). `days` is 0 when none is left.
 */
const countedDays = (window: DateWindow, firstDay: string | null, today: string): DateWindow => {
  const from = firstDay && firstDay > window.from ? firstDay : window.from;
  const to = window.to >= today ? addDays(today, -1) : window.to;
  if (!firstDay || from > to) return { from: window.from, to: window.to, days: 0 };
  return { from, to, days: daysBetween(from, to) };
};
const average = (t: Pick<VisitTotals, 'visits' | 'memberDays'>, window: DateWindow): VisitAverage => ({
  visits: ratio(t.visits, window.days, 2),
  uniqueMembers: ratio(t.memberDays, window.days, 2),
  window,
});
/** The relative change from `before` to `now`; null when there was nothing before. */
const change = (now: number, before: number) => (before ? ratio(now - before, before) : null);
const previousOf = (w: DateWindow): DateWindow => ({ from: addDays(w.from, -w.days), to: addDays(w.from, -1), days: w.days });

/**
 * Usage reports, read from the daily rollups only (committee_daily_activity, committee_monthly_activity,
 * content_daily_views; activity-report.repository.ts): a year at the root is 365 rows. Activity is attributed to the tree as it
 * stood when each event arrived: a sub-committee moved in later brings no earlier activity with it.
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly reports: ActivityReportRepository,
    private readonly scope: ReportScope,
    private readonly contentTitles: ContentTitles,
  ) {}

  async visits(principal: Principal, query: VisitsQuery): Promise<VisitsResponse> {
    const window = resolveWindow(query, VISITS_DEFAULT_DAYS);
    const committee = await this.scope.committee(principal, query.committeeId);
    const rows = await this.reports.dailyActivity(committee.id, window.from, window.to);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    const series: VisitDay[] = windowDays(window).map((day) => {
      const r = byDay.get(day);
      return {
        day,
        visits: r?.visits ?? 0,
        uniqueMembers: r?.unique_members ?? 0,
        views: { document: r?.views_document ?? 0, news: r?.views_news ?? 0, other: r?.views_other ?? 0 },
        overRateMembers: r?.over_rate_members ?? 0,
      };
    });
    const total: VisitTotals = {
      visits: series.reduce((s, d) => s + d.visits, 0),
      memberDays: series.reduce((s, d) => s + d.uniqueMembers, 0),
      views: {
        document: series.reduce((s, d) => s + d.views.document, 0),
        news: series.reduce((s, d) => s + d.views.news, 0),
        other: series.reduce((s, d) => s + d.views.other, 0),
      },
      overRateMemberDays: series.reduce((s, d) => s + d.overRateMembers, 0),
    };
    const today = localDate();
    const month = monthOf(window.to);
    const { firstDay, mau } = await this.reports.coverageAndMonth(committee.id, month);
    const counted = countedDays(window, firstDay, today);
    const countedSeries = series.filter((d) => counted.days > 0 && d.day >= counted.from && d.day <= counted.to);
    const countedSums = {
      visits: countedSeries.reduce((n, d) => n + d.visits, 0),
      memberDays: countedSeries.reduce((n, d) => n + d.uniqueMembers, 0),
    };
    const dau = series[series.length - 1].uniqueMembers;

    const previous = query.compare ? previousOf(window) : null;
    const children = await this.children(committee.id, window, previous, today);
    const response: VisitsResponse = {
      committee: toReportCommittee(committee),
      window,
      series,
      total,
      averagePerDay: average(countedSums, counted),
      coverage: { firstDay, partialDay: window.to === today ? today : null },
      activeMembers: { day: window.to, dau, month, mau, dauMauRatio: ratio(dau, mau) },
      children,
    };
    if (previous) {
      const before = await this.reports.activitySums(committee.id, previous.from, previous.to);
      const prevTotal = totals(before);
      const prevCounted = countedDays(previous, firstDay, today);
      const prevSums =
        prevCounted.days === 0 ? prevTotal : totals(await this.reports.activitySums(committee.id, prevCounted.from, prevCounted.to));
      response.previous = {
        window: previous,
        total: prevTotal,
        averagePerDay: average(prevCounted.days ? prevSums : prevTotal, prevCounted),
      };
      response.change = { visits: change(total.visits, prevTotal.visits), memberDays: change(total.memberDays, prevTotal.memberDays) };
    }
    return response;
  }

  /**
   * Each direct sub-committee's totals: the active ones, and archived ones with activity in the window(s).
   * Its average per day follows the committee's own rule (countedDays): over its days with data, today left out.
   */
  private async children(parentId: number, window: DateWindow, previous: DateWindow | null, today: string): Promise<VisitChild[]> {
    const span = previous ? { from: previous.from, to: window.to } : window;
    const rows = await this.reports.childrenActivity(parentId, window.from, window.to, span.from, today);
    const out = new Map<number, VisitChild>();
    const empty: ActivityRow = { visits: 0, views_document: 0, views_news: 0, views_other: 0, unique_members: 0, over_rate_members: 0 };
    for (const r of rows) {
      let child = out.get(r.id);
      if (!child) {
        const none = average({ visits: 0, memberDays: 0 }, countedDays(window, r.first_day, today));
        child = {
          committeeId: r.id,
          name: r.name,
          kind: r.kind,
          archived: r.archived,
          total: totals(empty),
          averagePerDay: none,
          averageVisitsPerDay: none.visits,
        };
        if (previous) child.previous = totals(empty);
        out.set(r.id, child);
      }
      if (r.period === 'now') {
        child.total = totals(r);
        child.averagePerDay = average(
          { visits: r.counted_visits, memberDays: r.counted_member_days },
          countedDays(window, r.first_day, today),
        );
        child.averageVisitsPerDay = child.averagePerDay.visits;
      } else if (r.period === 'before') {
        child.previous = totals(r);
      }
    }
    const active = (c: VisitChild) =>
      c.total.visits + c.total.memberDays + (c.previous ? c.previous.visits + c.previous.memberDays : 0) > 0;
    return [...out.values()].filter((c) => !c.archived || active(c));
  }

  /** The most viewed documents and news of a subtree in a window (from content_daily_views). */
  async topContent(principal: Principal, query: TopContentQuery): Promise<TopContentResponse> {
    const window = resolveWindow(query, VISITS_DEFAULT_DAYS);
    const committee = await this.scope.committee(principal, query.committeeId);
    const types = query.targetType ? [query.targetType] : [...RANKED_TARGET_TYPES];
    const rows = await this.reports.topContent(committee.id, window.from, window.to, types, query.limit ?? TOP_CONTENT_DEFAULT_LIMIT);
    const titles = new Map<string, string>();
    for (const kind of RANKED_TARGET_TYPES) {
      const ids = rows.filter((r) => r.target_type === kind).map((r) => r.target_id);
      for (const [id, title] of await this.contentTitles.titles(kind, ids)) titles.set(`${kind}:${id}`, title);
    }
    return {
      committee: toReportCommittee(committee),
      window,
      items: rows.map((r) => ({
        targetType: r.target_type,
        targetId: r.target_id,
        title: titles.get(`${r.target_type}:${r.target_id}`) ?? null,
        views: r.views,
      })),
    };
  }
}
