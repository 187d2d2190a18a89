/**
 * Shapes of the meetings API (issue 16). Those whose routes are in openapi.json are aliases of the
 * generated clients/typescript/schema.ts (like ../types.ts); the others follow the shared brief and
 * are marked TODO(generated) until their routes land on main.
 */
import type { components } from '../../../clients/typescript/schema';

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

// TODO(generated): route not on main yet
export interface MeetingAttachment {
  id: string;
  title: string;
  documentId: string | null;
  storedFileId: string | null;
  url: string | null;
}

// TODO(generated): route not on main yet
export interface MeetingAgendaItem {
  id?: string;
  position?: number;
  title: string;
  description?: string | null;
  presenterMemberId?: string | null;
  presenterName?: string | null;
  attachments?: MeetingAttachment[];
  /** The library documents of the item (the form's field; the API answers `attachments`). */
  documentIds?: string[];
}

// TODO(generated): route not on main yet
export interface MeetingCounts {
  invited: number;
  present: number;
  excused: number;
  pendingExcuses: number;
  comments: number;
}

// TODO(generated): route not on main yet
export interface Meeting {
  id: string;
  committeeId: number;
  committeeName?: string;
  kind: MeetingKind;
  /** 'YYYY-MM' (or the month's first day) */
  month: string;
  title: string;
  startsAt: string | null;
  endsAt: string | null;
  place: string | null;
  onlineUrl: string | null;
  status: MeetingStatus;
  statusReason?: string | null;
  scheduledAt?: string | null;
  late: boolean;
  guidanceId?: string | null;
  startedAt?: string | null;
  heldAt?: string | null;
  minutesLockedAt?: string | null;
  agenda: MeetingAgendaItem[];
  counts?: MeetingCounts;
}

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

// TODO(generated): route not on main yet
export interface GuidanceTopic {
  title: string;
  description?: string | null;
  documentIds?: string[];
}

// TODO(generated): route not on main yet
export interface MeetingGuidance {
  id: string;
  committeeId: number;
  committeeName?: string;
  month: string;
  title: string;
  topics: GuidanceTopic[];
  publishedAt: string | null;
}

/** One row of GET /api/analytics/meetings (a sub-committee, or the total). */
// TODO(generated): route not on main yet
export interface MeetingReportRow {
  committeeId: number;
  name: string;
  branches: number;
  branchesHeld: number;
  scheduledOnTime: number;
  attendanceRate: number | null;
  thematicInQuarter: number;
  /** Members expected over the meetings held (0: nobody, the rate says nothing). */
  attendanceExpected?: number;
}

// TODO(generated): route not on main yet
export interface MeetingReport {
  committee?: { id: number; name: string };
  month?: string;
  children: MeetingReportRow[];
  total: MeetingReportRow;
}

// TODO(generated): route not on main yet
export interface MeetingReportQuery {
  month?: string;
  committeeId?: number;
}

/** A branch's monthly template (GET/PUT /api/meeting-templates/{committeeId}). */
// TODO(generated): route not on main yet
export interface MeetingTemplate {
  committeeId?: number;
  title: string;
  dayOfMonth: number;
  startTime: string;
  durationMinutes: number;
  place: string | null;
  onlineUrl: string | null;
  agenda: { title: string; description?: string | null; presenterMemberId?: string | null; presenterName?: string | null }[];
  deadlineDay: number;
}
