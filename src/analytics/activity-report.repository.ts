import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CommitteeKind, RolloutPhase } from '../committees/committee.entity.js';
import type { MemberStatus } from '../members/member.entity.js';
import type { Tx } from '../database/transactions.js';
import type { RankedTargetType } from './analytics.rules.js';

/*
 * The reports' SQL: raw, because reports are aggregates over several tables.
 *
 * Where the figures come from (access-event.repository.ts names both ways the counters are kept):
 * - `committee_member_counts`, `committee_install_days`: kept by the triggers `analytics_members_inserted`,
 *   `analytics_members_updated`, `analytics_members_deleted` (on members) and `analytics_committees_moved`
 *   (on committees), migrations/1795671956292-analytics.ts; subtree totals, so a report reads a few rows.
 * - `committee_daily_activity`, `committee_monthly_activity`, `content_daily_views`: written by the
 *   ingestion statement (access-event.repository.ts INGEST_SQL), no trigger.
 * Tables of other modules read here: `committees` and `committee_phase_changes` (owned by
 * src/committees), for the names and phases of a committee's direct sub-committees.
 *
 * Scope: every method is given a committee the caller may see (ReportScope.committee, through
 * CommitteesService.findInScope and so src/common/scope.ts) and reads that committee or its direct
 * children (`parent_id`), which lie in the same subtree: no scope condition of its own is needed.
 */

/** The activity figures of one committee-day, or their sums over a window. */
export interface ActivityRow {
  visits: number;
  views_document: number;
  views_news: number;
  views_other: number;
  unique_members: number;
  over_rate_members: number;
}

/** One row of committee_member_counts. */
export interface MemberCountRow {
  status: MemberStatus;
  exempted: boolean;
  installed: boolean;
  /** The not-installed reason; '' for none (and for installed members). */
  reason: string;
  n: number;
}

export interface CommitteeSummaryRow {
  id: number;
  name: string;
  kind: CommitteeKind;
}

export interface ActiveChildRow {
  id: number;
  name: string;
  kind: CommitteeKind;
  phase: RolloutPhase;
  targetInstallRate: number | null;
}

export interface RolloutChildRow extends ActiveChildRow {
  phaseStartedAt: string | null;
  archived: boolean;
}

export interface PhaseChangeRow {
  committeeId: number;
  committeeName: string;
  fromPhase: RolloutPhase | null;
  toPhase: RolloutPhase;
  startedOn: string | null;
  changedAt: Date;
}

export interface ChildActivityRow extends ActivityRow {
  id: number;
  name: string;
  kind: CommitteeKind;
  archived: boolean;
  /** The child's first day with recorded activity (any period); null: none. */
  first_day: string | null;
  /** Of the sums, the visits and member-days of the days before `today` (complete days, for the averages). */
  counted_visits: number;
  counted_member_days: number;
  /** Which window the sums are of: the report's (`now`), the one before (`before`), or none (no activity). */
  period: 'now' | 'before' | null;
}

export interface ContentViewsRow {
  target_type: RankedTargetType;
  target_id: string;
  views: number;
}

const SUMS = `coalesce(sum(visits), 0)::int AS visits, coalesce(sum(views_document), 0)::int AS views_document,
  coalesce(sum(views_news), 0)::int AS views_news, coalesce(sum(views_other), 0)::int AS views_other,
  coalesce(sum(unique_members), 0)::int AS unique_members, coalesce(sum(over_rate_members), 0)::int AS over_rate_members`;

/** The sums' columns of CHILDREN_ACTIVITY_SQL's outer query: 0 for a sub-committee without activity. */
const CHILD_SUMS = [
  'visits',
  'views_document',
  'views_news',
  'views_other',
  'unique_members',
  'over_rate_members',
  'counted_visits',
  'counted_member_days',
]
  .map((col) => `coalesce(s.${col}, 0)::int AS ${col}`)
  .join(', ');

/**
 * ActivityReportRepository.childrenActivity (the bench's baseline runs it verbatim). The children first,
 * by the parent_id index: joined directly, the planner misjudged the rollup rows per committee on the
 * national dataset and scanned all 352,000 committees in parallel (26 ms at the root instead of 5;
 * docs/scaling.md, "Findings"). Each child's first day is one probe of the primary key's index. The
 * rollup rows are summed per child and period by id alone, and the names joined to the few sums after:
 * grouping the 12,000 rows of a year at the root by the name as well sorted them by name (10.6–12.2 ms
 * of execution at 1×, against 4.4–4.7 ms this way, 2026-12-06 at load 7–8).
 */
export const CHILDREN_ACTIVITY_SQL = `WITH c AS MATERIALIZED (
    SELECT id, name, kind, archived_at,
           (SELECT min(f.day) FROM committee_daily_activity f WHERE f.committee_id = committees.id)::text AS first_day
      FROM committees WHERE parent_id = $1
  ), s AS (
    SELECT a.committee_id, CASE WHEN a.day >= $2::date THEN 'now' ELSE 'before' END AS period, ${SUMS},
           coalesce(sum(a.visits) FILTER (WHERE a.day < $5::date), 0)::int AS counted_visits,
           coalesce(sum(a.unique_members) FILTER (WHERE a.day < $5::date), 0)::int AS counted_member_days
      FROM c JOIN committee_daily_activity a ON a.committee_id = c.id AND a.day BETWEEN $4::date AND $3::date
     GROUP BY 1, 2
  )
  SELECT c.id, c.name, c.kind, c.archived_at IS NOT NULL AS archived, c.first_day, s.period, ${CHILD_SUMS}
    FROM c LEFT JOIN s ON s.committee_id = c.id
   ORDER BY c.name, c.id, s.period`;

/** ActivityReportRepository.activeRootIds (bench/paths.ts runs the same, as the next two). */
export const ACTIVE_ROOTS_SQL = `SELECT id FROM committees WHERE parent_id IS NULL AND archived_at IS NULL ORDER BY id`;
/** ActivityReportRepository.activeChildren: $1 the parent. */
export const ACTIVE_CHILDREN_SQL = `SELECT id, name, kind, phase, target_install_rate::float8 AS "targetInstallRate"
  FROM committees WHERE parent_id = $1 AND archived_at IS NULL ORDER BY name, id`;
/** ActivityReportRepository.memberCounts: $1 the committees. */
export const MEMBER_COUNTS_SQL = `SELECT committee_id, status, exempted, installed, reason, n FROM committee_member_counts
  WHERE committee_id = ANY ($1::int[]) AND n <> 0`;

/** ActivityReportRepository.dailyActivity (bench/paths.ts runs the same): $1 the committee, $2 and $3 the window. */
export const DAILY_ACTIVITY_SQL = `SELECT day::text AS day, visits, views_document, views_news, views_other, unique_members, over_rate_members
  FROM committee_daily_activity WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date`;

/** ActivityReportRepository.coverageAndMonth (bench/paths.ts runs the same): $1 the committee, $2 the month's first day. */
export const COVERAGE_AND_MONTH_SQL = `SELECT (SELECT min(day) FROM committee_daily_activity WHERE committee_id = $1)::text AS "firstDay",
  coalesce((SELECT unique_members FROM committee_monthly_activity WHERE committee_id = $1 AND month = $2::date), 0)::int AS mau`;

@Injectable()
export class ActivityReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  // --- committees (src/committees owns the table) ---

  /** The root committees that are not archived, by id. */
  async activeRootIds(): Promise<number[]> {
    const roots: { id: number }[] = await this.db.manager.query(ACTIVE_ROOTS_SQL);
    return roots.map((r) => r.id);
  }

  /** Names and kinds of committees, in tree order (for a member's personal-data export, in its snapshot). */
  committeeSummaries(tx: Tx, ids: number[]): Promise<CommitteeSummaryRow[]> {
    return tx.query(`SELECT id, name, kind FROM committees WHERE id = ANY ($1::int[]) ORDER BY path`, [ids]);
  }

  /** The direct sub-committees that are not archived, by name. */
  activeChildren(parentId: number): Promise<ActiveChildRow[]> {
    return this.db.query(ACTIVE_CHILDREN_SQL, [parentId]);
  }

  // --- install rates (committee_member_counts, committee_install_days: kept by triggers) ---

  /** The count rows (n <> 0) of each of these committees' subtrees. */
  memberCounts(committeeIds: number[]): Promise<(MemberCountRow & { committee_id: number })[]> {
    return this.db.query(MEMBER_COUNTS_SQL, [committeeIds]);
  }

  /** The subtree's current members, and its installs before `from`. */
  async installTotals(committeeId: number, from: string): Promise<{ members: number; before: number }> {
    const [row]: { members: number; before: number }[] = await this.db.query(
      `SELECT (SELECT coalesce(sum(n), 0) FROM committee_member_counts WHERE committee_id = $1)::int AS members,
              (SELECT coalesce(sum(installs), 0) FROM committee_install_days WHERE committee_id = $1 AND day < $2::date)::int AS before`,
      [committeeId, from],
    );
    return row;
  }

  /** The subtree's installs per day from `from` to `to`, days without any left out. */
  installDays(committeeId: number, from: string, to: string): Promise<{ day: string; installs: number }[]> {
    return this.db.query(
      `SELECT day::text AS day, installs FROM committee_install_days
        WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date AND installs <> 0`,
      [committeeId, from, to],
    );
  }

  // --- usage (committee_daily_activity, committee_monthly_activity, content_daily_views: written by ingestion) ---

  /** The subtree's activity rows from `from` to `to` (days without activity have none). */
  dailyActivity(committeeId: number, from: string, to: string): Promise<(ActivityRow & { day: string })[]> {
    return this.db.query(DAILY_ACTIVITY_SQL, [committeeId, from, to]);
  }

  /**
   * The subtree's first day with recorded activity (the primary key's index answers it; null: none)
   * and its unique members of a month (its first day; 0 without activity): one statement.
   */
  async coverageAndMonth(committeeId: number, month: string): Promise<{ firstDay: string | null; mau: number }> {
    const [row]: { firstDay: string | null; mau: number }[] = await this.db.query(COVERAGE_AND_MONTH_SQL, [committeeId, month]);
    return row;
  }

  /** The subtree's activity summed from `from` to `to`. */
  async activitySums(committeeId: number, from: string, to: string): Promise<ActivityRow> {
    const [row]: ActivityRow[] = await this.db.query(
      `SELECT ${SUMS} FROM committee_daily_activity WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date`,
      [committeeId, from, to],
    );
    return row;
  }

  /**
   * Each direct sub-committee (archived ones too) with its activity summed per period: `now` from
   * `from` to `to`, `before` from `spanFrom` to the day before `from` (none when `spanFrom` = `from`);
   * with its first day of activity and the sums of the days before `today`, for its average per day.
   */
  childrenActivity(parentId: number, from: string, to: string, spanFrom: string, today: string): Promise<ChildActivityRow[]> {
    return this.db.query(CHILDREN_ACTIVITY_SQL, [parentId, from, to, spanFrom, today]);
  }

  /** The most viewed items of these types in the subtree from `from` to `to`. */
  topContent(committeeId: number, from: string, to: string, types: readonly RankedTargetType[], limit: number): Promise<ContentViewsRow[]> {
    return this.db.query(
      `SELECT target_type, target_id, sum(views)::int AS views FROM content_daily_views
        WHERE committee_id = $1 AND day BETWEEN $2::date AND $3::date AND target_type = ANY ($4::varchar[])
        GROUP BY 1, 2 ORDER BY views DESC, target_type, target_id LIMIT $5`,
      [committeeId, from, to, types, limit],
    );
  }

  // --- rollout (committees, committee_phase_changes: src/committees owns them) ---

  /** Every direct sub-committee, archived ones included, by name. */
  rolloutChildren(parentId: number): Promise<RolloutChildRow[]> {
    return this.db.query(
      `SELECT id, name, kind, phase, phase_started_at::text AS "phaseStartedAt", target_install_rate::float8 AS "targetInstallRate",
              archived_at IS NOT NULL AS archived
         FROM committees WHERE parent_id = $1 ORDER BY name, id`,
      [parentId],
    );
  }

  /** The phase changes of these committees, oldest first. */
  async phaseHistory(committeeIds: number[]): Promise<PhaseChangeRow[]> {
    const rows: PhaseChangeRow[] = await this.db.query(
      `SELECT p.committee_id AS "committeeId", c.name AS "committeeName", p.from_phase AS "fromPhase", p.to_phase AS "toPhase",
                p.started_on::text AS "startedOn", p.changed_at AS "changedAt"
           FROM committee_phase_changes p JOIN committees c ON c.id = p.committee_id
          WHERE p.committee_id = ANY ($1::int[])
          ORDER BY p.changed_at, p.started_on NULLS FIRST, p.id`,
      [committeeIds],
    );
    return rows.map((h) => ({ ...h, changedAt: new Date(h.changedAt) }));
  }
}
