import { ApiProperty, OmitType } from '@nestjs/swagger';
import {
  ATTENDANCE_STATES,
  MEETING_KINDS,
  MEETING_STATUSES,
  type AttendanceState,
  type MeetingKind,
  type MeetingStatus,
} from '../meetings.rules.js';
import { ACTIVITY_HOLDS, type ActivityHold } from '../../members/member.entity.js';
import { MeetingTaskResponse } from './meeting-task.response.js';

export class MinutesAbsentee {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ATTENDANCE_STATES, description: 'excused, unexcused or exempt (or invited, if never marked)' })
  state: AttendanceState;
  @ApiProperty({
    enum: ACTIVITY_HOLDS,
    enumName: 'ActivityHold',
    nullable: true,
    description: 'Why the member was away and not counted for decisions: attending elsewhere for a while, or suspended',
  })
  hold: ActivityHold | null;
}

/** An absentee as members read the minutes: without the activity hold (a suspension is the staff's record). */
export class MyMinutesAbsentee extends OmitType(MinutesAbsentee, ['hold'] as const) {}

/** Who was convened and who came (biên bản: tổng số, có mặt, vắng có lý do, vắng không lý do, miễn sinh hoạt). */
export class MinutesAttendance {
  @ApiProperty({ type: 'integer', description: 'Members invited' }) total: number;
  @ApiProperty({ type: 'integer', description: 'Of them full members (đảng viên chính thức)' }) official: number;
  @ApiProperty({ type: 'integer', description: 'Of them probationary members (dự bị)' }) probationary: number;
  @ApiProperty({ type: 'integer', description: 'Checked in (on time or late)' }) present: number;
  @ApiProperty({ type: 'integer', description: 'Of the present, late' }) late: number;
  @ApiProperty({ type: 'integer' }) excused: number;
  @ApiProperty({ type: 'integer' }) unexcused: number;
  @ApiProperty({ type: 'integer', description: 'Exempted from Party activities and not present' }) exempt: number;
  @ApiProperty({ type: 'integer', description: 'Never marked (still invited)' }) unmarked: number;
  @ApiProperty({ type: MinutesAbsentee, isArray: true, description: 'The absent, by name' }) absentees: MinutesAbsentee[];
}

/** The attendance as members read the minutes (the absentees without their activity hold). */
export class MyMinutesAttendance extends OmitType(MinutesAttendance, ['absentees'] as const) {
  @ApiProperty({ type: MyMinutesAbsentee, isArray: true, description: 'The absent, by name' }) absentees: MyMinutesAbsentee[];
}

export class MinutesAgendaEntry {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ type: 'string', nullable: true }) presenter: string | null;
}

/** A closed motion's result; never who voted how. */
export class MinutesVote {
  @ApiProperty({ format: 'uuid' }) motionId: string;
  @ApiProperty() title: string;
  @ApiProperty() secret: boolean;
  @ApiProperty({ type: 'integer' }) agreeCount: number;
  @ApiProperty({ type: 'integer' }) disagreeCount: number;
  @ApiProperty({ type: 'integer' }) otherCount: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Full members counted for the decision' }) denominator: number | null;
  @ApiProperty({ type: 'boolean', nullable: true }) passed: boolean | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt: Date | null;
}

export class MinutesAddendumResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'When it was added (it is never edited)' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) createdBy: string | null;
}

/** The minutes (biên bản) of a held meeting: a draft until locked, then only added to. */
export class MinutesResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ example: 'Chi bộ xóm Đồng Kè' }) committeeName: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The committee above (the header of the minutes)',
    example: 'Đảng bộ xã Hùng Sơn',
  })
  parentCommitteeName: string | null;
  @ApiProperty({ enum: MEETING_KINDS }) kind: MeetingKind;
  @ApiProperty({ enum: MEETING_STATUSES, description: 'held (a draft) or minutes_locked' }) status: MeetingStatus;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', format: 'date', description: 'First day of the month the meeting belongs to' }) month: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startsAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endsAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the meeting was closed' }) heldAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) place: string | null;
  @ApiProperty({ type: 'string', nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: MinutesAttendance }) attendance: MinutesAttendance;
  @ApiProperty({ type: MinutesAgendaEntry, isArray: true }) agenda: MinutesAgendaEntry[];
  @ApiProperty({ type: MinutesVote, isArray: true, description: 'Closed motions, in the order they were put' }) votes: MinutesVote[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Discussion summary typed by the secretary' }) summary: string | null;
  @ApiProperty({ type: 'string', nullable: true }) conclusions: string | null;
  @ApiProperty({ type: MeetingTaskResponse, isArray: true }) tasks: MeetingTaskResponse[];
  @ApiProperty({ type: MinutesAddendumResponse, isArray: true, description: 'Dated corrections after the lock, oldest first' })
  addenda: MinutesAddendumResponse[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lockedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The staff account that locked the minutes' })
  lockedBy: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Its holder (the secretary who signs the minutes)' })
  lockedByName: string | null;
}

/** A dated correction as members see it: without the staff account that added it. */
export class MyMinutesAddendumResponse extends OmitType(MinutesAddendumResponse, ['createdBy'] as const) {}

/**
 * The locked minutes as members see them (the mobile app): the record and the secretary's name,
 * without the ids of the staff accounts that locked or corrected them.
 */
export class MyMinutesResponse extends OmitType(MinutesResponse, ['lockedBy', 'addenda', 'attendance'] as const) {
  @ApiProperty({ type: () => MyMinutesAttendance }) attendance: MyMinutesAttendance;
  @ApiProperty({ type: MyMinutesAddendumResponse, isArray: true, description: 'Dated corrections after the lock, oldest first' })
  addenda: MyMinutesAddendumResponse[];
}
