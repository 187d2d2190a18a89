import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { subtreeOf } from '../common/scope.js';
import type { CommitteeKind } from '../committees/committee.entity.js';
import { MEMBER_HOLDING_KINDS } from '../committees/committees.rules.js';

/*
 * The meeting report's SQL (docs/meetings.md "The committee's view").
 *
 * Where the figures come from: `committee_meeting_months`, `meeting_unit_months`,
 * `meeting_report_meetings` and `committee_unit_counts` (owned by analytics,
 * src/analytics/meeting-report.entity.ts) are kept exact by the triggers of
 * migrations/1796442480804-meeting-report.ts: `meeting_report_meetings_sync` (on meetings),
 * `meeting_report_attendance_*` (on meeting_attendance), `meeting_report_inserted/updated/deleted`
 * (on meeting_report_meetings, through `meeting_report_apply`) and `meeting_report_committees_*`
 * (on committees). The report reads a few rows of them, whatever the size of the tree.
 * Tables of other modules read here: `committees` (owned by src/committees) for the names of the
 * units that did not meet and of their parents. `meetings` (src/meetings) is not read.
 *
 * Scope: every method is given a committee the caller may see (ReportScope.committee) and reads that
 * committee, its direct children, or its subtree through `subtreeOf` (src/common/scope.ts).
 */

/** A subtree's month, summed over the months asked for. */
export interface MeetingMonthRow {
  committee_id: number;
  month: string;
  units_held: number;
  units_on_time: number;
  regular_held: number;
  thematic_held: number;
  extraordinary_held: number;
  attendance_expected: number;
  attendance_attended: number;
}

export interface MissingUnitRow {
  id: number;
  name: string;
  kind: CommitteeKind;
  parentId: number | null;
  parentName: string | null;
}

/** MeetingReportRepository.unitCounts (bench/paths.ts runs the same): $1 the committees. */
export const UNIT_COUNTS_SQL = `SELECT committee_id, units FROM committee_unit_counts WHERE committee_id = ANY ($1::int[])`;
/** MeetingReportRepository.months (bench/paths.ts runs the same): $1 the committees, $2 the months' first days. */
export const MEETING_MONTHS_SQL = `SELECT committee_id, month::text AS month, units_held, units_on_time, regular_held, thematic_held,
    extraordinary_held, attendance_expected, attendance_attended
  FROM committee_meeting_months WHERE committee_id = ANY ($1::int[]) AND month = ANY ($2::date[])`;

/** Sortable fields of the missing list → SQL. */
export const MISSING_SORTS = { name: 'c.name', parentName: 'p.name', id: 'c.id' } as const;
export type MissingSort = keyof typeof MISSING_SORTS;

@Injectable()
export class MeetingReportRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The units (member-holding committees, not archived) of each of these committees' subtrees. */
  async unitCounts(committeeIds: number[]): Promise<Map<number, number>> {
    const rows: { committee_id: number; units: number }[] = await this.db.query(UNIT_COUNTS_SQL, [committeeIds]);
    return new Map(rows.map((r) => [r.committee_id, r.units]));
  }

  /** The subtree month rows of these committees for these months ('YYYY-MM-01'). */
  months(committeeIds: number[], months: string[]): Promise<MeetingMonthRow[]> {
    return this.db.query(MEETING_MONTHS_SQL, [committeeIds, months]);
  }

  /**
   * One page of the units of the subtree of `committeeId` that held no regular meeting in `month`
   * (the total is the report's units − unitsHeld, from the counters).
   */
  missingUnits(
    committeeId: number,
    month: string,
    sort: [MissingSort, 'ASC' | 'DESC'],
    offset: number,
    limit: number,
  ): Promise<MissingUnitRow[]> {
    const [field, dir] = sort;
    return this.db.query(
      `SELECT c.id, c.name, c.kind, c.parent_id AS "parentId", p.name AS "parentName"
         FROM committees c
         LEFT JOIN committees p ON p.id = c.parent_id
        WHERE ${subtreeOf('c.path', '(SELECT top.path FROM committees top WHERE top.id = $1)')}
          AND c.kind = ANY ($5::text[]) AND c.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM meeting_unit_months m WHERE m.committee_id = c.id AND m.month = $2::date AND m.regular_held > 0)
        ORDER BY ${MISSING_SORTS[field]} ${dir} NULLS LAST, c.id ${dir}
        OFFSET $3 LIMIT $4`,
      [committeeId, month, offset, limit, MEMBER_HOLDING_KINDS],
    );
  }
}
