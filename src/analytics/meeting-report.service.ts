import { Injectable } from '@nestjs/common';
import { parseListQuery, type ListPage } from '../common/admin-list.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { ActivityReportRepository } from './activity-report.repository.js';
import type {
  MeetingFigures,
  MeetingReportResponse,
  MeetingReportRow,
  MissingMeetingUnit,
  MissingMeetingsQuery,
} from './dto/meeting-report.dto.js';
import { MeetingReportRepository, MISSING_SORTS, type MeetingMonthRow, type MissingSort } from './meeting-report.repository.js';
import { ratio, ReportScope, toReportCommittee } from './report-scope.js';

/** 'YYYY-MM' → the three 'YYYY-MM' of its calendar quarter. */
export function quarterMonths(month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const first = Math.floor((m - 1) / 3) * 3 + 1;
  return [first, first + 1, first + 2].map((x) => `${y}-${String(x).padStart(2, '0')}`);
}

/** The figures of one subtree from its unit count and its rows for the month and the quarter. */
export function meetingFigures(units: number, month: string, rows: MeetingMonthRow[]): MeetingFigures {
  const m = rows.find((r) => r.month === `${month}-01`);
  const expected = m?.attendance_expected ?? 0;
  const attended = m?.attendance_attended ?? 0;
  const held = m?.units_held ?? 0;
  return {
    branches: units,
    branchesHeld: held,
    heldRate: ratio(held, units),
    scheduledOnTime: m?.units_on_time ?? 0,
    regularHeld: m?.regular_held ?? 0,
    extraordinaryHeld: m?.extraordinary_held ?? 0,
    thematicInQuarter: rows.reduce((s, r) => s + r.thematic_held, 0),
    attendanceExpected: expected,
    attendanceAttended: attended,
    attendanceRate: ratio(attended, expected),
  };
}

const MISSING_SPEC = {
  sortable: MISSING_SORTS,
  defaultSort: ['name', 'ASC'] as [string, 'ASC' | 'DESC'],
  filters: {},
  tieBreaker: 'c.id',
};

/**
 * The committee's view of branch meetings (docs/meetings.md "The committee's view"): read from the
 * counters that the database keeps (meeting-report.repository.ts names the triggers), a few rows
 * for the committee and its direct sub-committees whatever the size of the tree.
 */
@Injectable()
export class MeetingReportService {
  constructor(
    private readonly repo: MeetingReportRepository,
    private readonly reports: ActivityReportRepository,
    private readonly scope: ReportScope,
  ) {}

  async report(principal: Principal, query: { month?: string; committeeId?: number }): Promise<MeetingReportResponse> {
    const month = query.month ?? localDate().slice(0, 7);
    const committee = await this.scope.committee(principal, query.committeeId);
    const children = await this.reports.activeChildren(committee.id);
    const ids = [committee.id, ...children.map((c) => c.id)];
    const quarter = quarterMonths(month);
    const [units, rows] = await Promise.all([
      this.repo.unitCounts(ids),
      this.repo.months(
        ids,
        quarter.map((q) => `${q}-01`),
      ),
    ]);
    const row = (c: Pick<Committee, 'id' | 'name' | 'kind'>): MeetingReportRow => ({
      committeeId: c.id,
      name: c.name,
      kind: c.kind,
      ...meetingFigures(
        units.get(c.id) ?? 0,
        month,
        rows.filter((r) => r.committee_id === c.id),
      ),
    });
    return { committee: toReportCommittee(committee), month, quarter, total: row(committee), children: children.map(row) };
  }

  /** The units of the subtree without a held regular meeting in the month (admin list). */
  async missing(principal: Principal, query: MissingMeetingsQuery): Promise<ListPage<MissingMeetingUnit>> {
    const month = query.month ?? localDate().slice(0, 7);
    const list = parseListQuery(query, MISSING_SPEC);
    const committee = await this.scope.committee(principal, query.committeeId);
    const [units, rows] = await Promise.all([this.repo.unitCounts([committee.id]), this.repo.months([committee.id], [`${month}-01`])]);
    const total = (units.get(committee.id) ?? 0) - (rows[0]?.units_held ?? 0);
    const items = await this.repo.missingUnits(
      committee.id,
      `${month}-01`,
      list.sort as [MissingSort, 'ASC' | 'DESC'],
      list.offset,
      list.limit,
    );
    return { items, total, start: list.offset };
  }
}
