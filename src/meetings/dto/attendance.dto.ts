import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ACTIVITY_HOLDS, type ActivityHold } from '../../members/member.entity.js';
import {
  ATTENDANCE_STATES,
  MEETING_STATUSES,
  type MeetingStatus,
  CHECK_IN_METHODS,
  MARKABLE_STATES,
  type AttendanceState,
  type CheckInMethod,
  type MarkableState,
} from '../meetings.rules.js';

export class CheckInDto {
  @ApiProperty({ example: '042917', pattern: '^[0-9]{6}$', description: 'The 6-digit code the secretary shows (or the QR code carries)' })
  @IsString()
  @Matches(/^[0-9]{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

export class MarkAttendanceDto {
  @ApiProperty({ enum: MARKABLE_STATES, example: 'present' })
  @IsIn(MARKABLE_STATES, { message: `state must be one of ${MARKABLE_STATES.join(', ')}` })
  state: MarkableState;
}

export class AttendanceYearQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    example: 2026,
    description: 'Default: the current year (Vietnam time)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CheckInCodeResponse {
  @ApiProperty({ example: '042917', description: 'The current 6-digit code; it rotates every 60 seconds' })
  code: string;

  @ApiProperty({ format: 'date-time', description: 'When this code stops being shown (it is still accepted for one more window)' })
  expiresAt: string;

  @ApiProperty({ example: 'sotay:checkin:6f1c2d4e-0000-4000-8000-000000000000:042917', description: 'What the QR code carries' })
  qrText: string;
}

export class CheckInResult {
  @ApiProperty({ format: 'uuid' })
  meetingId: string;

  @ApiProperty({ enum: ATTENDANCE_STATES, example: 'present' })
  state: AttendanceState;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt: string | null;

  @ApiProperty({ enum: CHECK_IN_METHODS, nullable: true, example: 'code' })
  checkInMethod: CheckInMethod | null;
}

export class AttendanceRow {
  @ApiProperty({ format: 'uuid' })
  memberId: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  fullName: string;

  @ApiProperty({ description: 'A full member when invited (votes and counts for decisions)' })
  official: boolean;

  @ApiProperty({ description: 'Exempted from Party activities when invited (never counted absent)' })
  exempt: boolean;

  @ApiProperty({
    enum: ACTIVITY_HOLDS,
    enumName: 'ActivityHold',
    nullable: true,
    description:
      'The activity hold when invited: temporary_transfer (attending at another Party organisation: not counted for decisions ' +
      'unless checked in) or suspended (never counted; neither checks in nor votes)',
  })
  hold: ActivityHold | null;

  @ApiProperty({ enum: ATTENDANCE_STATES, example: 'present' })
  state: AttendanceState;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt: string | null;

  @ApiProperty({ enum: CHECK_IN_METHODS, nullable: true })
  checkInMethod: CheckInMethod | null;

  @ApiProperty({ enum: ['pending', 'accepted', 'declined'], nullable: true, description: "The member's excuse request, if any" })
  excuseStatus: 'pending' | 'accepted' | 'declined' | null;
}

export class AttendanceSummaryResponse {
  @ApiProperty({ type: 'integer', example: 12 }) invited: number;
  @ApiProperty({ type: 'integer', example: 9 }) present: number;
  @ApiProperty({ type: 'integer', example: 1 }) late: number;
  @ApiProperty({ type: 'integer', example: 1 }) excused: number;
  @ApiProperty({ type: 'integer', example: 0 }) unexcused: number;
  @ApiProperty({ type: 'integer', example: 1 }) exempt: number;
  @ApiProperty({ type: 'integer', example: 0, description: "Still 'invited' (the meeting has not closed)" }) pending: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.9091,
    description: '(present + late) / (invited − exempted members not present); null when nobody is counted',
  })
  rate: number | null;
}

export class MeetingAttendanceResponse {
  @ApiProperty({ type: [AttendanceRow], description: 'By name' })
  items: AttendanceRow[];

  @ApiProperty({ type: AttendanceSummaryResponse })
  summary: AttendanceSummaryResponse;
}

export class MemberAttendanceYear {
  @ApiProperty({ type: 'integer', example: 2026 })
  year: number;

  @ApiProperty({ type: 'integer', example: 12, description: 'Held meetings of the year (by month) the member was invited to' })
  meetings: number;

  @ApiProperty({ type: 'integer', example: 10, description: 'Present or late' })
  attended: number;

  @ApiProperty({ type: 'integer', example: 1 })
  excused: number;

  @ApiProperty({ type: 'integer', example: 1 })
  unexcused: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Absent while exempted from activities (not counted)' })
  exempt: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.8333,
    description: 'attended / (meetings − exempt); null when nothing is counted',
  })
  rate: number | null;
}

/** A meeting after start or close: its status, times and attendance summary. */
export class MeetingRunState {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: MEETING_STATUSES, example: 'in_progress' })
  status: MeetingStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  heldAt: string | null;

  @ApiProperty({ type: AttendanceSummaryResponse })
  summary: AttendanceSummaryResponse;
}

/** The body of start, close and a motion's close: nothing (the change is the route). */
export class MeetingRunDto {}
