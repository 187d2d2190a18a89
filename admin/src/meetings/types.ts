/**
 * Shapes of the meetings API (issue 16) as the shared brief names them.
 * TODO(generated): the backend routes land on main in parallel; once openapi.json has them, these
 * become aliases of clients/typescript/schema.ts like ../types.ts.
 */

export const MEETING_KINDS = ['regular', 'thematic', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['draft', 'scheduled', 'in_progress', 'held', 'minutes_locked', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ATTENDANCE_STATES = ['invited', 'present', 'late', 'excused', 'unexcused', 'exempt'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

/** The states a secretary may set on a member's behalf. */
export const MARKABLE_STATES = ['present', 'late', 'excused', 'unexcused'] as const;
export type MarkableState = (typeof MARKABLE_STATES)[number];

export interface MeetingAttachment {
  id: string;
  title: string;
  documentId: string | null;
  storedFileId: string | null;
  url: string | null;
}

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

export interface MeetingCounts {
  invited: number;
  present: number;
  excused: number;
  pendingExcuses: number;
  comments: number;
}

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

export interface CheckInCode {
  code: string;
  expiresAt: string;
  qrText: string;
}

export interface AttendanceRow {
  memberId: string;
  fullName: string;
  official: boolean;
  exempt: boolean;
  state: AttendanceState;
  checkedInAt: string | null;
  checkInMethod: 'code' | 'secretary' | null;
  /** The member's excuse request, if any. */
  excuseStatus?: 'pending' | 'accepted' | 'declined' | null;
}

export interface AttendanceSummary {
  invited?: number;
  present?: number;
  late?: number;
  excused?: number;
  unexcused?: number;
  exempt?: number;
  rate?: number | null;
  [key: string]: number | null | undefined;
}

export interface Attendance {
  members: AttendanceRow[];
  summary: AttendanceSummary;
}

export interface MeetingExcuse {
  id: string;
  memberId: string;
  fullName?: string;
  memberName?: string;
  reason: string;
  status: 'pending' | 'accepted' | 'declined';
  decisionNote?: string | null;
  createdAt: string;
}

export interface MeetingComment {
  id: string;
  agendaItemId: string;
  memberId?: string;
  fullName?: string;
  memberName?: string;
  body: string;
  hiddenAt?: string | null;
  hiddenReason?: string | null;
  createdAt: string;
}

export interface NamedVote {
  memberId: string;
  fullName: string;
  choice: 'agree' | 'disagree' | 'other';
  otherText: string | null;
}

export interface Motion {
  id: string;
  title: string;
  secret: boolean;
  status: 'open' | 'closed';
  /** null while withheld (resultsWithheld) */
  agreeCount: number | null;
  disagreeCount: number | null;
  otherCount: number | null;
  otherOpinions?: string[] | null;
  denominator: number | null;
  passed: boolean | null;
  votedCount: number;
  /** Why the counts are null: a secret motion still open, or closed with fewer than k ballots. */
  resultsWithheld?: 'secret_open' | 'below_threshold' | 'not_closed' | null;
  anonymityThreshold?: number | null;
  /** Open motions: who chose what. */
  votes?: NamedVote[] | null;
}

export interface MeetingTask {
  id: string;
  title: string;
  assigneeMemberId: string | null;
  assigneeName?: string | null;
  dueOn: string | null;
  doneAt?: string | null;
}

export interface MinutesAddendum {
  id: string;
  body: string;
  createdAt: string;
}

/** Who was convened and who came, as the minutes state it. */
export interface MinutesAttendance {
  total: number;
  official: number;
  probationary: number;
  present: number;
  late: number;
  excused: number;
  unexcused: number;
  exempt: number;
  unmarked: number;
  absentees: { memberId: string; fullName: string; state: AttendanceState }[];
}

/** A closed motion's result as the minutes record it. */
export interface MinutesVote {
  motionId: string;
  title: string;
  secret: boolean;
  agreeCount: number | null;
  disagreeCount: number | null;
  otherCount: number | null;
  denominator: number | null;
  passed: boolean | null;
}

export interface Minutes {
  status?: MeetingStatus;
  summary: string | null;
  conclusions: string | null;
  lockedAt?: string | null;
  lockedByName?: string | null;
  attendance?: MinutesAttendance;
  votes?: MinutesVote[];
  tasks: MeetingTask[];
  addenda: MinutesAddendum[];
}

export interface GuidanceTopic {
  title: string;
  description?: string | null;
  documentIds?: string[];
}

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

export interface MeetingReport {
  committee?: { id: number; name: string };
  month?: string;
  children: MeetingReportRow[];
  total: MeetingReportRow;
}

export interface MeetingReportQuery {
  month?: string;
  committeeId?: number;
}

/** A branch's monthly template (GET/PUT /api/meeting-templates/{committeeId}). */
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
