import { ApiProperty } from '@nestjs/swagger';
import type { MeetingAgendaAttachment } from '../entities/meeting-agenda-attachment.entity.js';
import type { MeetingAgendaItem } from '../entities/meeting-agenda-item.entity.js';
import type { Meeting } from '../entities/meeting.entity.js';
import { MEETING_KINDS, MEETING_STATUSES, type MeetingKind, type MeetingStatus } from '../meetings.rules.js';

/** A meeting as the admin list shows it. */
export class MeetingSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) committeeId: number;
  @ApiProperty({ type: 'string', nullable: true }) committeeName: string | null;
  @ApiProperty({ enum: MEETING_KINDS }) kind: MeetingKind;
  @ApiProperty({ example: '2026-01', description: 'YYYY-MM' }) month: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startsAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) endsAt: Date | null;
  @ApiProperty({ type: 'string', nullable: true }) place: string | null;
  @ApiProperty({ type: 'string', nullable: true }) onlineUrl: string | null;
  @ApiProperty({ enum: MEETING_STATUSES }) status: MeetingStatus;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why it was postponed or cancelled' }) statusReason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When it was first sent to the members' })
  scheduledAt: Date | null;
  @ApiProperty({ description: 'A regular meeting first scheduled after the committee’s deadline (day N of the month before)' })
  late: boolean;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) guidanceId: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) heldAt: Date | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) minutesLockedAt: Date | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: Date;
}

export class MeetingAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'A library document' }) documentId: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'A file uploaded for the meeting' })
  storedFileId: string | null;
  @ApiProperty({ description: 'Where staff download it', example: '/api/meetings/…/attachments/…/file' }) url: string;
}

export class MeetingAgendaItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) position: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'string', nullable: true }) description: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) presenterMemberId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) presenterName: string | null;
  @ApiProperty({ type: [MeetingAttachmentResponse] }) attachments: MeetingAttachmentResponse[];
}

export class MeetingCountsResponse {
  @ApiProperty({ type: 'integer' }) invited: number;
  @ApiProperty({ type: 'integer', description: 'Checked in (present or late)' }) present: number;
  @ApiProperty({ type: 'integer' }) excused: number;
  @ApiProperty({ type: 'integer' }) pendingExcuses: number;
  @ApiProperty({ type: 'integer', description: 'Members’ comments on the agenda, hidden ones included' }) comments: number;
}

export class MeetingResponse extends MeetingSummaryResponse {
  @ApiProperty({ type: [MeetingAgendaItemResponse] }) agenda: MeetingAgendaItemResponse[];
  @ApiProperty({ type: MeetingCountsResponse }) counts: MeetingCountsResponse;
}

export const attachmentUrl = (meetingId: string, attachmentId: string) => `/api/meetings/${meetingId}/attachments/${attachmentId}/file`;

export function toMeetingSummary(m: Meeting): MeetingSummaryResponse {
  return {
    id: m.id,
    committeeId: m.committeeId,
    committeeName: m.committee?.name ?? null,
    kind: m.kind,
    month: m.month.slice(0, 7),
    title: m.title,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.place,
    onlineUrl: m.onlineUrl,
    status: m.status,
    statusReason: m.statusReason,
    scheduledAt: m.scheduledAt,
    late: m.late,
    guidanceId: m.guidanceId,
    startedAt: m.startedAt,
    heldAt: m.heldAt,
    minutesLockedAt: m.minutesLockedAt,
    createdBy: m.createdBy,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export function toAttachmentResponse(meetingId: string, a: MeetingAgendaAttachment): MeetingAttachmentResponse {
  return { id: a.id, title: a.title, documentId: a.documentId, storedFileId: a.storedFileId, url: attachmentUrl(meetingId, a.id) };
}

export function toMeetingResponse(
  m: Meeting,
  items: MeetingAgendaItem[],
  attachments: MeetingAgendaAttachment[],
  counts: MeetingCountsResponse,
): MeetingResponse {
  return {
    ...toMeetingSummary(m),
    agenda: items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      description: i.description,
      presenterMemberId: i.presenterMemberId,
      presenterName: i.presenterName,
      attachments: attachments.filter((a) => a.agendaItemId === i.id).map((a) => toAttachmentResponse(m.id, a)),
    })),
    counts,
  };
}
