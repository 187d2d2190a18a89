/**
 * The rules of branch meetings, stated once. Sources are cited in docs/meetings.md.
 */

export const MEETING_KINDS = ['regular', 'thematic', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['draft', 'scheduled', 'in_progress', 'held', 'minutes_locked', 'postponed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** Which status may follow which. `postponed` goes back to `scheduled` when a new date is set. */
export const MEETING_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['in_progress', 'postponed', 'cancelled'],
  in_progress: ['held'],
  held: ['minutes_locked'],
  minutes_locked: [],
  postponed: ['scheduled', 'cancelled'],
  cancelled: [],
};

export const canMoveTo = (from: MeetingStatus, to: MeetingStatus): boolean => MEETING_TRANSITIONS[from].includes(to);

/** Statuses in which members see the meeting (a draft is the secretary's own). */
export const MEMBER_VISIBLE_STATUSES: readonly MeetingStatus[] = [
  'scheduled',
  'in_progress',
  'held',
  'minutes_locked',
  'postponed',
  'cancelled',
];

export const EXCUSE_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type ExcuseStatus = (typeof EXCUSE_STATUSES)[number];

/**
 * present / late: checked in (late after the start plus LATE_AFTER_MINUTES); excused: absent with a
 * reason the branch accepted; unexcused: absent otherwise; exempt: exempted from Party activities and
 * not present (never counted absent). `invited` until the member checks in or the meeting closes.
 */
export const ATTENDANCE_STATES = ['invited', 'present', 'late', 'excused', 'unexcused', 'exempt'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];
export const CHECK_IN_METHODS = ['code', 'secretary'] as const;
export type CheckInMethod = (typeof CHECK_IN_METHODS)[number];
export const LATE_AFTER_MINUTES = 15;

export const VOTE_CHOICES = ['agree', 'disagree', 'other'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** Default day of the month before by which a regular meeting must be scheduled. */
export const DEFAULT_DEADLINE_DAY = 20;

/** The first day of a month as 'YYYY-MM-01'. */
export function monthStart(month: string): string {
  return `${month.slice(0, 7)}-01`;
}

/**
 * The last Vietnam calendar day ('YYYY-MM-DD') on which a regular meeting of `month` is on time:
 * day `deadlineDay` of the month before.
 */
export function schedulingDeadline(month: string, deadlineDay: number = DEFAULT_DEADLINE_DAY): string {
  const [y, m] = month.slice(0, 7).split('-').map(Number);
  const prevY = m === 1 ? y - 1 : y;
  const prevM = m === 1 ? 12 : m - 1;
  return `${prevY}-${String(prevM).padStart(2, '0')}-${String(deadlineDay).padStart(2, '0')}`;
}

/** Whether a regular meeting of `month` scheduled on Vietnam day `scheduledOn` is late. */
export function isLate(kind: MeetingKind, month: string, scheduledOn: string, deadlineDay: number = DEFAULT_DEADLINE_DAY): boolean {
  return kind === 'regular' && scheduledOn > schedulingDeadline(month, deadlineDay);
}

/** What the decision rule needs to know of one invited member. */
export interface CountedMember {
  official: boolean;
  exempt: boolean;
  /** Checked in (present or late). */
  present: boolean;
  /** Absent with a reason the branch accepted. */
  excused: boolean;
}

/**
 * The full members counted for a decision: the full members convened, less those the rules exclude
 * when absent (exempted from activities, excused with an accepted reason). Điều lệ Đảng art. 10;
 * Quy chế bầu cử trong Đảng; docs/meetings.md.
 */
export function decisionDenominator(members: readonly CountedMember[]): number {
  return members.filter((m) => m.official && (m.present || !(m.exempt || m.excused))).length;
}

/** A decision passes with more than half of the full members counted. */
export function passes(agree: number, denominator: number): boolean {
  return denominator > 0 && agree * 2 > denominator;
}

// ---- minutes and tasks (issue 16 item 5) ----

/** Statuses in which the minutes exist: drafted once the meeting is held, then locked. */
export const MINUTES_STATUSES: readonly MeetingStatus[] = ['held', 'minutes_locked'];

/**
 * Statuses in which tasks may be assigned, changed or removed: during the meeting, while the minutes
 * are drafted, and after they are locked (tasks are follow-up work, not the text of the minutes).
 */
export const TASK_STATUSES: readonly MeetingStatus[] = ['in_progress', 'held', 'minutes_locked'];

/** A task is overdue when its due day (Vietnam calendar) has passed and it is not done. */
export function isOverdue(dueOn: string | null, done: boolean, today: string): boolean {
  return !done && dueOn !== null && dueOn < today;
}
