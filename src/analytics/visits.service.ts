import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { CommitteeKind } from '../committees/committee.entity.js';
import { addDays, monthOf } from './calendar.js';
import type { DateWindow } from './dto/report.response.js';
import type { TopContentQuery, VisitsQuery } from './dto/report-query.dto.js';
import type { TopContentResponse, VisitAverage, VisitChild, VisitDay, VisitsResponse, VisitTotals } from './dto/visits.response.js';
import { CONTENT_ROLLUP_KINDS, RANKED_TARGET_TYPES } from './entities/analytics-events.js';
import { ratio, ReportScope, resolveWindow, toReportCommittee, windowDays } from './report-scope.js';

export const VISITS_DEFAULT_DAYS = 30;
export const TOP_CONTENT_DEFAULT_LIMIT = 10;

interface ActivityRow {
  visits: number;
  views_document: number;
  views_news: number;
  views_other: number;
  unique_members: number;
  over_rate_members: number;
}

const SUMS = `coalesce(sum(visits), 0)::int AS visits, coalesce(sum(views_document), 0)::int AS views_document,
  coalesce(sum(views_news), 0)::int AS views_news, coalesce(sum(views_other), 0)::int AS views_other,
  coalesce(sum(unique_members), 0)::int AS unique_members, coalesce(sum(over_rate_members), 0)::int AS over_rate_members`;

const totals = (r: ActivityRow): VisitTotals => ({
  visits: r.visits,
  memberDays: r.unique_members,
  views: { document: r.views_document, news: r.views_news, other: r.views_other },
  overRateMemberDays: r.over_rate_members,
});
const average = (t: VisitTotals, window: DateWindow): VisitAverage => ({
  visits: ratio(t.visits, window.days, 2),
  uniqueMembers: ratio(t.memberDays, window.days, 2),
  window,
});
/** The relative change from `before` to `now`; null when there was nothing before. */
const change = (now: number, before: number) => (before ? ratio(now - before, before) : null);
const previousOf = (w: DateWindow): DateWindow => ({ from: addDays(w.from, -w.days), to: addDays(w.from, -1), days: w.days });

export const TopContentErrors = {
  notKept: (kind: CommitteeKind) =>
    ApiError.validation({
      committeeId: `views per item are kept for ${CONTENT_ROLLUP_KINDS.join(', ')} committees, not for a ${kind} one; ask for the committee above it`,
    }),
};

/**
 * Usage reports, read from the daily rollups only (committee_daily_activity, committee_monthly_activity,
 * content_daily_views): a year at the root is 365 rows. Activity is attributed to the tree as it
 * stood when each event arrived: a sub-committee moved in later brings no earlier activity with it.
 */
@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ReportScope,
  ) {}

  async visits(principal: Principal, query: VisitsQuery): Promise<VisitsResponse> {
    const window = resolveWindow(query, VISITS_DEFAULT_DAYS);
    const committee = await this.scope.committee(principal, query.committeeId);
    const rows: (ActivityRow & { day: string })[] = await this.db.query(
      `SELECT day::text AS day, visits, views_document, views_news, views_other, unique_members, over_rate_members
         FROM committee_daily_activity WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date`,
      [committee.id, window.from, window.to],
    );
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
    const month = monthOf(window.to);
    const [{ mau }] = await this.db.query(
      `SELECT coalesce((SELECT unique_members FROM committee_monthly_activity WHERE committee_id = $1 AND month = $2::date), 0)::int AS mau`,
      [committee.id, month],
    );
    const dau = series[series.length - 1].uniqueMembers;

    const previous = query.compare ? previousOf(window) : null;
    const children = await this.children(committee.id, window, previous);
    const response: VisitsResponse = {
      committee: toReportCommittee(committee),
      window,
      series,
      total,
      averagePerDay: average(total, window),
      activeMembers: { day: window.to, dau, month, mau, dauMauRatio: ratio(dau, mau) },
      children,
    };
    if (previous) {
      const [before] = await this.db.query(
        `SELECT ${SUMS} FROM committee_daily_activity WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date`,
        [committee.id, previous.from, previous.to],
      );
      const prevTotal = totals(before);
      response.previous = { window: previous, total: prevTotal, averagePerDay: average(prevTotal, previous) };
      response.change = { visits: change(total.visits, prevTotal.visits), memberDays: change(total.memberDays, prevTotal.memberDays) };
    }
    return response;
  }

  /** Each direct sub-committee's totals: the active ones, and archived ones with activity in the window(s). */
  private async children(parentId: number, window: DateWindow, previous: DateWindow | null): Promise<VisitChild[]> {
    const span = previous ? { from: previous.from, to: window.to } : window;
    const rows: (ActivityRow & { id: number; name: string; kind: CommitteeKind; archived: boolean; period: 'now' | 'before' | null })[] =
      await this.db.query(
        // The children first, by the parent_id index: joined directly, the planner misjudged the
        // rollup rows per committee on the national dataset and scanned all 352,000 committees in
        // parallel (26 ms at the root instead of 5; docs/scaling.md, "Findings").
        `WITH c AS MATERIALIZED (SELECT id, name, kind, archived_at FROM committees WHERE parent_id = $1)
         SELECT c.id, c.name, c.kind, c.archived_at IS NOT NULL AS archived,
                CASE WHEN a.day >= $2::date THEN 'now' WHEN a.day IS NOT NULL THEN 'before' END AS period, ${SUMS}
           FROM c
           LEFT JOIN committee_daily_activity a ON a.committee_id = c.id AND a.day BETWEEN $4::date AND $3::date
          GROUP BY c.id, c.name, c.kind, c.archived_at, period
          ORDER BY c.name, c.id`,
        [parentId, window.from, window.to, span.from],
      );
    const out = new Map<number, VisitChild>();
    const empty: ActivityRow = { visits: 0, views_document: 0, views_news: 0, views_other: 0, unique_members: 0, over_rate_members: 0 };
    for (const r of rows) {
      let child = out.get(r.id);
      if (!child) {
        child = { committeeId: r.id, name: r.name, kind: r.kind, archived: r.archived, total: totals(empty), averageVisitsPerDay: 0 };
        if (previous) child.previous = totals(empty);
        out.set(r.id, child);
      }
      if (r.period === 'now') {
        child.total = totals(r);
        child.averageVisitsPerDay = ratio(r.visits, window.days, 2);
      } else if (r.period === 'before') {
        child.previous = totals(r);
      }
    }
    const active = (c: VisitChild) => c.total.visits + c.total.memberDays + (c.previous ? c.previous.visits + c.previous.memberDays : 0) > 0;
    return [...out.values()].filter((c) => !c.archived || active(c));
  }

  /** The most viewed documents and news of a subtree in a window (from content_daily_views). */
  async topContent(principal: Principal, query: TopContentQuery): Promise<TopContentResponse> {
    const window = resolveWindow(query, VISITS_DEFAULT_DAYS);
    const committee = await this.scope.committee(principal, query.committeeId);
    if (!(CONTENT_ROLLUP_KINDS as readonly string[]).includes(committee.kind)) throw TopContentErrors.notKept(committee.kind);
    const types = query.targetType ? [query.targetType] : [...RANKED_TARGET_TYPES];
    const rows: { target_type: 'document' | 'news'; target_id: string; views: number }[] = await this.db.query(
      `SELECT target_type, target_id, sum(views)::int AS views FROM content_daily_views
        WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date AND target_type = ANY ($4::varchar[])
        GROUP BY 1, 2 ORDER BY views DESC, target_type, target_id LIMIT $5`,
      [committee.id, window.from, window.to, types, query.limit ?? TOP_CONTENT_DEFAULT_LIMIT],
    );
    const titles = new Map<string, string>();
    const ids = (type: string) => rows.filter((r) => r.target_type === type).map((r) => r.target_id);
    if (ids('document').length) {
      for (const d of await this.db.query(`SELECT id, title FROM documents WHERE id = ANY ($1::uuid[])`, [ids('document')])) titles.set(`document:${d.id}`, d.title);
    }
    if (ids('news').length) {
      for (const n of await this.db.query(`SELECT id, title FROM news_items WHERE id = ANY ($1::uuid[])`, [ids('news')])) titles.set(`news:${n.id}`, n.title);
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
