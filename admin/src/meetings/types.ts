/**
 * Shapes of the meetings API (issue 16): aliases of the generated clients/typescript/schema.ts
 * (like ../types.ts), so that an API change the dashboard does not follow fails its type-check.
 */
import type { components, operations } from '../../../clients/typescript/schema';

type Schemas = components['schemas'];

export const MEETING_KINDS = ['regular', 'thematic', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['draft', 'scheduled', 'in_progress', 'held', 'minutes_locked', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ATTENDANCE_STATES = ['invited', 'present', 'late', 'excused', 'unexcused', 'exempt'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

/** The states a secretary may set on a member's behalf. */
export const MARKABLE_STATES = ['present', 'late', 'excused', 'unexcused'] as const;
export type MarkableState = (typeof MARKABLE_STATES)[number];

export type MeetingAttachment = Schemas['MeetingAttachmentResponse'];

/** An agenda item as the API answers it; the form also carries `documentIds` (the API answers `attachments`). */
export type MeetingAgendaItem = Partial<Schemas['MeetingAgendaItemResponse']> & { title: string; documentIds?: string[] };

export type MeetingCounts = Schemas['MeetingCountsResponse'];

export type Meeting = Schemas['MeetingResponse'];

export type CheckInCode = Schemas['CheckInCodeResponse'];

export type AttendanceRow = Schemas['AttendanceRow'];

export type AttendanceSummary = Partial<Schemas['AttendanceSummaryResponse']>;

export interface Attendance {
  members: AttendanceRow[];
  summary: AttendanceSummary;
}

export type MeetingExcuse = Schemas['StaffExcuseResponse'];

export type MeetingComment = Schemas['StaffCommentResponse'];

export type NamedVote = Schemas['NamedVote'];

export type Motion = Schemas['MotionResponse'];
/** What POST /meetings/{id}/start and /close answer. */
export type MeetingRunState = Schemas['MeetingRunState'];

export type MeetingTask = Schemas['MeetingTaskResponse'];

export type MinutesAddendum = Schemas['MinutesAddendumResponse'];

/** Who was convened and who came, as the minutes state it. */
export type MinutesAttendance = Schemas['MinutesAttendance'];

/** A closed motion's result as the minutes record it. */
export type MinutesVote = Schemas['MinutesVote'];

export type Minutes = Schemas['MinutesResponse'];

export type GuidanceTopic = Schemas['GuidanceTopicResponse'];

export type MeetingGuidance = Schemas['MeetingGuidanceResponse'];

/** One row of GET /api/analytics/meetings (a sub-committee, or the total). */
export type MeetingReportRow = Schemas['MeetingReportRow'];

export type MeetingReport = Schemas['MeetingReportResponse'];

/** The query of GET /api/analytics/meetings (parameters, not a schema of the document). */
export type MeetingReportQuery = NonNullable<operations['getMeetingReport']['parameters']['query']>;

/** A branch's monthly template (GET/PUT /api/meeting-templates/{committeeId}). */
export type MeetingTemplate = Schemas['MeetingTemplateResponse'];
