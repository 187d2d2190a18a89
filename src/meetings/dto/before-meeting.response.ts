import { ApiProperty } from '@nestjs/swagger';
import { CursorPageMeta } from '../../common/cursor.js';
import type { MeetingAgendaAttachment } from '../entities/meeting-agenda-attachment.entity.js';
import type { MeetingAttendance } from '../entities/meeting-attendance.entity.js';
import type { MeetingComment } from '../entities/meeting-comment.entity.js';
import type { MeetingExcuse } from '../entities/meeting-excuse.entity.js';
import {
  ATTENDANCE_STATES,
  EXCUSE_STATUSES,
  MEETING_KINDS,
  MEETING_STATUSES,
  type AttendanceState,
  type ExcuseStatus,
  type MeetingKind,
  type MeetingStatus,
} from '../meetings.rules.js';

/** A meeting in the member's list. */
export class MyMeetingItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'The branch that meets' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true, example: 'Chi bộ xóm Đồng Kè' }) committeeName: string | null;
  @ApiProperty({ enum: MEETING_KINDS, enumName: 'MeetingKind' }) kind: MeetingKind;
  @ApiProperty({ description: 'The month the meeting belongs to', example: '2026-12', pattern: '^\\d{4}-\\d{2}$' }) month: string;
  @ApiProperty({ example: 'Sinh hoạt chi bộ thường kỳ tháng 12/2026' }) title: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startsAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endsAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'Nhà văn hóa xóm Đồng Kè' }) place: string | null;
  @ApiProperty({ type: 'string', nullable: true }) onlineUrl: string | null;
  @ApiProperty({ enum: MEETING_STATUSES, enumName: 'MeetingStatus' }) status: MeetingStatus;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why it was postponed or cancelled' }) statusReason: string | null;
  @ApiProperty({
    enum: ATTENDANCE_STATES,
    enumName: 'AttendanceState',
    nullable: true,
    description: "The caller's attendance state; null when they were not invited (they joined the branch later)",
  })
  myAttendanceState: AttendanceState | null;
}

export class MyMeetingPage extends CursorPageMeta {
  @ApiProperty({
    type: [MyMeetingItem],
    description: 'Upcoming meetings (scheduled, postponed, in progress) soonest first, then past ones (held, cancelled) most recent first',
  })
  items: MyMeetingItem[];
}

export class MyMeetingAttachment {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Nghị quyết số 57-NQ/TW' }) title: string;
  @ApiProperty({ enum: ['document', 'file'], description: 'document: from the library; file: uploaded for the meeting' }) kind:
    'document' | 'file';
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The library document (also readable at /api/me/documents/{id} when it targets the caller)',
  })
  documentId: string | null;
  @ApiProperty({
    description: 'Where the member downloads it (counted as a view of a library document)',
    example: '/api/me/meetings/0b5e…/attachments/9f1c…',
  })
  url: string;
}

export class MyAgendaItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', example: 1 }) position: number;
  @ApiProperty({ example: 'Quán triệt Nghị quyết số 57-NQ/TW' }) title: string;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) presenterMemberId: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: 'Đồng chí Bí thư chi bộ' }) presenterName: string | null;
  @ApiProperty({ type: [MyMeetingAttachment] }) attachments: MyMeetingAttachment[];
}

export class MyAttendance {
  @ApiProperty({ enum: ATTENDANCE_STATES, enumName: 'AttendanceState' }) state: AttendanceState;
  @ApiProperty({ description: 'A full member when invited (votes)' }) official: boolean;
  @ApiProperty({ description: 'Exempted from Party activities when invited' }) exempt: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) checkedInAt: Date | null;
}

export class ExcuseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: EXCUSE_STATUSES, enumName: 'ExcuseStatus' }) status: ExcuseStatus;
  @ApiProperty({ type: 'string', nullable: true }) decisionNote: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

/** An excuse as the secretary sees it: with the member's name. */
export class StaffExcuseResponse extends ExcuseResponse {
  @ApiProperty({ type: 'string', nullable: true, example: 'Nguyễn Văn An' }) fullName: string | null;
}

export class MyMeetingDetail extends MyMeetingItem {
  @ApiProperty({ type: [MyAgendaItem] }) agenda: MyAgendaItem[];
  @ApiProperty({ type: MyAttendance, nullable: true, description: 'null when the caller was not invited' })
  myAttendance: MyAttendance | null;
  @ApiProperty({ type: ExcuseResponse, nullable: true }) myExcuse: ExcuseResponse | null;
  @ApiProperty({ description: 'A full member, checked in, while the meeting is in progress' }) canVote: boolean;
  @ApiProperty({ description: 'An excuse may be asked (or its reason changed) now' }) canAskExcuse: boolean;
  @ApiProperty({ description: 'Comments are taken now' }) canComment: boolean;
}

export class CommentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agendaItemId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'Nguyễn Văn An' }) fullName: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Hidden by the secretary (members see only their own hidden comments)' }) hidden: boolean;
  @ApiProperty({ description: "The caller's own comment" }) mine: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
}

/** A comment as the secretary sees it: hidden ones with when and why. */
export class StaffCommentResponse extends CommentResponse {
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) hiddenAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) hiddenReason: string | null;
}

export const attachmentUrl = (meetingId: string, attachmentId: string) => `/api/me/meetings/${meetingId}/attachments/${attachmentId}`;

export function toMyAttachment(meetingId: string, a: MeetingAgendaAttachment): MyMeetingAttachment {
  return {
    id: a.id,
    title: a.title,
    kind: a.documentId ? 'document' : 'file',
    documentId: a.documentId,
    url: attachmentUrl(meetingId, a.id),
  };
}

export function toMyAttendance(a: MeetingAttendance): MyAttendance {
  return { state: a.state, official: a.official, exempt: a.exempt, checkedInAt: a.checkedInAt };
}

export function toExcuseResponse(e: MeetingExcuse): ExcuseResponse {
  return {
    id: e.id,
    meetingId: e.meetingId,
    memberId: e.memberId,
    reason: e.reason,
    status: e.status,
    decisionNote: e.decisionNote,
    decidedAt: e.decidedAt,
    createdAt: e.createdAt,
  };
}

export function toCommentResponse(c: MeetingComment, names: Map<string, string>, me: string | null): CommentResponse {
  return {
    id: c.id,
    agendaItemId: c.agendaItemId,
    memberId: c.memberId,
    fullName: names.get(c.memberId) ?? null,
    body: c.body,
    hidden: c.hiddenAt !== null,
    mine: c.memberId === me,
    createdAt: c.createdAt,
  };
}

export function toStaffCommentResponse(c: MeetingComment, names: Map<string, string>): StaffCommentResponse {
  return { ...toCommentResponse(c, names, null), hiddenAt: c.hiddenAt, hiddenReason: c.hiddenReason };
}
