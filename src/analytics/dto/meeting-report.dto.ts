import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AdminListQuery } from '../../common/admin-list.js';
import { COMMITTEE_KINDS, type CommitteeKind } from '../../committees/committee.entity.js';
import { ReportCommittee } from './report.response.js';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_DOC = 'The month reported on, `YYYY-MM` (Vietnam calendar); default the current month';
const COMMITTEE_DOC =
  "The committee reported on; default the caller's home committee (for an admin of the whole tree: the root). Outside the caller's scope: 404";

export class MeetingReportQuery {
  @ApiPropertyOptional({ type: 'string', example: '2026-11', description: MONTH_DOC })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ type: 'integer', description: COMMITTEE_DOC })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'committeeId must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  committeeId?: number;
}

export class MissingMeetingsQuery extends AdminListQuery {
  @ApiPropertyOptional({ type: 'string', example: '2026-11', description: MONTH_DOC })
  @IsOptional()
  @IsString()
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ type: 'integer', description: COMMITTEE_DOC })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'committeeId must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  committeeId?: number;
}

/** The meeting figures of a subtree for a month. */
export class MeetingFigures {
  @ApiProperty({
    type: 'integer',
    description: 'Units expected to meet: branches and grassroots organisations (not archived) in the subtree',
  })
  branches: number;
  @ApiProperty({
    type: 'integer',
    description: 'Units that held at least one regular meeting of the month in the app (held or minutes locked)',
  })
  branchesHeld: number;
  @ApiProperty({ type: 'number', description: 'branchesHeld / branches, to 4 decimals; 0 without units' })
  heldRate: number;
  @ApiProperty({ type: 'integer', description: 'Units whose held regular meeting of the month was scheduled by the deadline (not late)' })
  scheduledOnTime: number;
  @ApiProperty({ type: 'integer', description: 'Regular meetings held (a unit may hold more than one)' })
  regularHeld: number;
  @ApiProperty({ type: 'integer', description: 'Extraordinary meetings held in the month' })
  extraordinaryHeld: number;
  @ApiProperty({ type: 'integer', description: 'Thematic meetings held in the calendar quarter of the month' })
  thematicInQuarter: number;
  @ApiProperty({ type: 'integer', description: 'Over the meetings held in the month: invited members not exempt' })
  attendanceExpected: number;
  @ApiProperty({ type: 'integer', description: 'Over the meetings held in the month: members present or late' })
  attendanceAttended: number;
  @ApiProperty({ type: 'number', description: 'attendanceAttended / attendanceExpected, to 4 decimals; 0 when no one was expected' })
  attendanceRate: number;
}

export class MeetingReportRow extends MeetingFigures {
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
}

export class MeetingReportResponse {
  @ApiProperty({ type: ReportCommittee }) committee: ReportCommittee;
  @ApiProperty({ type: 'string', example: '2026-11', description: 'The month reported on' }) month: string;
  @ApiProperty({ type: [String], example: ['2026-10', '2026-11', '2026-12'], description: 'The months of its quarter' })
  quarter: string[];
  @ApiProperty({ type: MeetingReportRow, description: 'The whole subtree of the committee' }) total: MeetingReportRow;
  @ApiProperty({ type: [MeetingReportRow], description: 'Each direct sub-committee (not archived) with its own subtree, by name' })
  children: MeetingReportRow[];
}

/** A unit that held no regular meeting in the month. */
export class MissingMeetingUnit {
  @ApiProperty({ type: 'integer', description: 'The committee id of the unit' }) id: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COMMITTEE_KINDS, enumName: 'CommitteeKind' }) kind: CommitteeKind;
  @ApiProperty({ type: 'integer', nullable: true }) parentId: number | null;
  @ApiProperty({ type: 'string', nullable: true }) parentName: string | null;
}
