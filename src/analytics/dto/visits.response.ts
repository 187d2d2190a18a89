import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMITTEE_KINDS, type CommitteeKind } from '../../committees/committee.entity.js';
import { RANKED_TARGET_TYPES, type RankedTargetType } from '../analytics.rules.js';
import { DateWindow, ReportCommittee } from './report.response.js';

export class ViewCounts {
  @ApiProperty({ type: 'integer' }) document: number;
  @ApiProperty({ type: 'integer' }) news: number;
  @ApiProperty({ type: 'integer', description: 'FAQ answers and surveys' }) other: number;
}

export class VisitDay {
  @ApiProperty({ type: 'string', format: 'date' }) day: string;
  @ApiProperty({
    type: 'integer',
    description: "Visits: a member's activity after 30 minutes or more without any starts one (sessions, as analytics tools count them)",
  })
  visits: number;
  @ApiProperty({ type: 'integer', description: 'Members with any activity that day' }) uniqueMembers: number;
  @ApiProperty({ type: ViewCounts }) views: ViewCounts;
  @ApiProperty({
    type: 'integer',
    description:
      'Members who sent more events that day than are counted (EVENTS_MAX_COUNTED_PER_MEMBER_DAY): their extra events are stored, not counted',
  })
  overRateMembers: number;
}

export class VisitTotals {
  @ApiProperty({ type: 'integer' }) visits: number;
  @ApiProperty({ type: 'integer', description: 'The sum of the daily unique members (a member active on 3 days counts 3)' })
  memberDays: number;
  @ApiProperty({ type: ViewCounts }) views: ViewCounts;
  @ApiProperty({ type: 'integer', description: 'The sum of the daily over-rate members (a member over the rate on 3 days counts 3)' })
  overRateMemberDays: number;
}

export class VisitAverage {
  @ApiProperty({ type: 'number', description: 'Visits per day, to 2 decimals (0 when no day is counted)' }) visits: number;
  @ApiProperty({ type: 'number', description: 'Unique members per day, to 2 decimals (0 when no day is counted)' }) uniqueMembers: number;
  @ApiProperty({
    type: DateWindow,
    description:
      "The days the average was computed over: the report's window less the days before the data's coverage starts " +
      '(`coverage.firstDay`) and less today, which is not over yet; `days` is 0 when none is left',
  })
  window: DateWindow;
}

/** Which days of a report have data: days before the first are unknown, not zero; today is not over. */
export class VisitCoverage {
  @ApiProperty({
    type: 'string',
    format: 'date',
    nullable: true,
    description: 'The first day with recorded activity in the subtree (any time, not only in the window); null: none at all',
  })
  firstDay: string | null;
  @ApiProperty({
    type: 'string',
    format: 'date',
    nullable: true,
    description: "The window's last day when it is today (Vietnam time): its figures are so far, left out of the averages",
  })
  partialDay: string | null;
}

export class ActiveMembers {
  @ApiProperty({ type: 'string', format: 'date', description: 'The last day of the window' }) day: string;
  @ApiProperty({ type: 'integer', description: 'Members active on that day' }) dau: number;
  @ApiProperty({ type: 'string', format: 'date', description: 'The first day of the calendar month of that day' }) month: string;
  @ApiProperty({ type: 'integer', description: 'Members active in that calendar month (all of it, Vietnam time)' }) mau: number;
  @ApiProperty({ type: 'number', description: 'dau / mau, to 4 decimals (0 without activity)' }) dauMauRatio: number;
}

export class VisitPeriod {
  @ApiProperty({ type: DateWindow }) window: DateWindow;
  @ApiProperty({ type: VisitTotals }) total: VisitTotals;
  @ApiProperty({ type: VisitAverage }) averagePerDay: VisitAverage;
}

export class VisitChange {
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: '(this − previous) / previous visits, to 4 decimals; null when the previous window had none',
  })
  visits: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'The same for member-days' }) memberDays: number | null;
}

export class VisitChild {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
  @ApiProperty({ description: 'Merged or dissolved (listed while it has activity in the window)' }) archived: boolean;
  @ApiProperty({ type: VisitTotals }) total: VisitTotals;
  @ApiProperty({
    type: VisitAverage,
    description:
      "Per day over the sub-committee's own days with data in the window, today left out (the rule of the report's averagePerDay)",
  })
  averagePerDay: VisitAverage;
  @ApiProperty({ type: 'number', description: 'averagePerDay.visits (kept for older clients)' }) averageVisitsPerDay: number;
  @ApiPropertyOptional({ type: VisitTotals, description: 'With compare=true: the previous window' }) previous?: VisitTotals;
}

export class VisitsResponse {
  @ApiProperty({ type: ReportCommittee }) committee: ReportCommittee;
  @ApiProperty({ type: DateWindow }) window: DateWindow;
  @ApiProperty({ type: [VisitDay], description: 'Every day of the window, oldest first (days without activity included)' })
  series: VisitDay[];
  @ApiProperty({ type: VisitTotals }) total: VisitTotals;
  @ApiProperty({ type: VisitAverage }) averagePerDay: VisitAverage;
  @ApiProperty({ type: VisitCoverage }) coverage: VisitCoverage;
  @ApiProperty({ type: ActiveMembers }) activeMembers: ActiveMembers;
  @ApiProperty({ type: [VisitChild], description: 'Each direct sub-committee, by name' }) children: VisitChild[];
  @ApiPropertyOptional({ type: VisitPeriod, description: 'With compare=true: the window of the same length just before' })
  previous?: VisitPeriod;
  @ApiPropertyOptional({ type: VisitChange, description: 'With compare=true' }) change?: VisitChange;
}

export class TopContentItem {
  @ApiProperty({ enum: RANKED_TARGET_TYPES, enumName: 'RankedTargetType' }) targetType: RankedTargetType;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null when the item has been deleted since' }) title: string | null;
  @ApiProperty({ type: 'integer' }) views: number;
}

export class TopContentResponse {
  @ApiProperty({ type: ReportCommittee }) committee: ReportCommittee;
  @ApiProperty({ type: DateWindow }) window: DateWindow;
  @ApiProperty({ type: [TopContentItem], description: 'Most viewed first' }) items: TopContentItem[];
}
