import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActivityHold } from '../members/member.entity.js';

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
  /** The activity hold when invited: temporarily attending elsewhere, or suspended. */
  hold: ActivityHold | null;
  /** Checked in (present or late). */
  present: boolean;
  /** Absent with a reason the branch accepted. */
  excused: boolean;
}

/**
 * The full members counted for a decision: the full members convened, less those the rules exclude:
 * suspended from Party activities (always), and when absent those temporarily attending at another
 * Party organisation, exempted from activities, or excused with an accepted reason; a member on
 * temporary transfer or exempted who comes (and may vote) is counted. Điều lệ Đảng art. 9 clause 5 as
 * Quy định 24-QĐ/TW (2021) point 9.3.2 applies it (replaced by 232-QĐ/TW, 2025); docs/meetings.md
 * "The counting rule".
 */
export function decisionDenominator(members: readonly CountedMember[]): number {
  return members.filter(
    (m) => m.official && m.hold !== 'suspended' && (m.present || !(m.exempt || m.excused || m.hold === 'temporary_transfer')),
  ).length;
}

/** A decision passes with more than half of the full members counted. */
export function passes(agree: number, denominator: number): boolean {
  return denominator > 0 && agree * 2 > denominator;
}

// ---- Attendance and votes (issue 16 items 3 and 4) ----

/** The secretary may start a meeting from this many minutes before its start time. */
export const START_EARLY_MINUTES = 60;
/** Members may check in from this many minutes before the start until the end. */
export const CHECK_IN_OPENS_MINUTES = 30;
/** The check-in code rotates every this many seconds; a code is accepted in its window and the next one. */
export const CHECK_IN_WINDOW_SECONDS = 60;
/** Check-in attempts a member may make per meeting in CHECK_IN_ATTEMPT_WINDOW_SECONDS (the guard against guessing codes). */
export const CHECK_IN_MAX_ATTEMPTS = 10;
export const CHECK_IN_ATTEMPT_WINDOW_SECONDS = 600;
/** The states a secretary may mark on a member's behalf. */
export const MARKABLE_STATES = ['present', 'late', 'excused', 'unexcused'] as const;
export type MarkableState = (typeof MARKABLE_STATES)[number];
// ---- before the meeting: excuses and comments (docs/meetings.md "Before the meeting") ----

/** A member asks to be excused while the meeting is still ahead or under way. */
export const EXCUSE_OPEN_STATUSES: readonly MeetingStatus[] = ['scheduled', 'postponed', 'in_progress'];
/** The secretary decides an excuse until the minutes are locked (a late decision once held still counts). */
export const EXCUSE_DECIDABLE_STATUSES: readonly MeetingStatus[] = ['scheduled', 'postponed', 'in_progress', 'held'];
/** Members comment on the agenda (góp ý) while the meeting is scheduled or in progress. */
export const COMMENT_OPEN_STATUSES: readonly MeetingStatus[] = ['scheduled', 'in_progress'];
/** The meetings still ahead of a member: listed first, soonest first. */
export const UPCOMING_STATUSES: readonly MeetingStatus[] = ['scheduled', 'postponed', 'in_progress'];
export const COMMENT_MAX_LENGTH = 2000;
export const EXCUSE_REASON_MAX_LENGTH = 2000;

/** Checked in (present or late). */
export const isCheckedIn = (state: AttendanceState): boolean => state === 'present' || state === 'late';

/** Whether the secretary may start the meeting at `now`. */
export function mayStart(startsAt: Date | null, now: Date): boolean {
  return !startsAt || now.getTime() >= startsAt.getTime() - START_EARLY_MINUTES * 60_000;
}

/** Whether `now` lies in the check-in window: from CHECK_IN_OPENS_MINUTES before the start until the end. */
export function inCheckInWindow(startsAt: Date | null, endsAt: Date | null, now: Date): boolean {
  if (startsAt && now.getTime() < startsAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000) return false;
  return !endsAt || now.getTime() <= endsAt.getTime();
}

/** The state a check-in at `at` earns: late after the start plus LATE_AFTER_MINUTES. */
export function checkInState(startsAt: Date | null, at: Date): 'present' | 'late' {
  return startsAt && at.getTime() > startsAt.getTime() + LATE_AFTER_MINUTES * 60_000 ? 'late' : 'present';
}

/** The index of the code window `at` falls in. */
export const codeWindow = (at: Date): number => Math.floor(at.getTime() / (CHECK_IN_WINDOW_SECONDS * 1000));

/** When the window `window` ends. */
export const codeWindowEnd = (window: number): Date => new Date((window + 1) * CHECK_IN_WINDOW_SECONDS * 1000);

/** The 6-digit code of a window: HMAC-SHA256(secret, window) with the dynamic truncation of HOTP (RFC 4226). */
export function checkInCode(secret: string, window: number): string {
  const mac = createHmac('sha256', secret).update(String(window)).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

/** Whether `code` is the code of the window of `at` or of the one before (a code shown just before it rotated). */
export function checkInCodeMatches(secret: string, code: string, at: Date): boolean {
  const window = codeWindow(at);
  const given = Buffer.from(code);
  return [window, window - 1].some((w) => {
    const expected = Buffer.from(checkInCode(secret, w));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** What the QR code the secretary shows carries: the app scans it and sends the code. */
export const checkInQrText = (meetingId: string, code: string): string => `sotay:checkin:${meetingId}:${code}`;

/**
 * The state an invited member who never checked in gets when the meeting closes: excused with an
 * accepted excuse, exempt when exempted from activities, excused when on an activity hold (attending
 * elsewhere or suspended: absent for a reason the branch knows), unexcused otherwise.
 * attendance.repository.ts `resolveInvited` writes the same in SQL.
 */
export function closingState(
  row: { state: AttendanceState; exempt: boolean; hold: ActivityHold | null },
  acceptedExcuse: boolean,
): AttendanceState {
  if (row.state !== 'invited') return row.state;
  if (acceptedExcuse) return 'excused';
  if (row.exempt) return 'exempt';
  return row.hold ? 'excused' : 'unexcused';
}

/** A suspended member (đình chỉ sinh hoạt đảng) has no Party activity rights: neither checks in nor votes. */
export const mayTakePart = (attendance: { hold: ActivityHold | null }): boolean => attendance.hold !== 'suspended';

export interface AttendanceSummary {
  invited: number;
  present: number;
  late: number;
  excused: number;
  unexcused: number;
  exempt: number;
  /** Still 'invited' (the meeting has not closed). */
  pending: number;
  /** (present + late) / (invited − exempted members not present); null when that is 0. */
  rate: number | null;
}

/** A ratio rounded to 4 decimals, or null over nothing. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** The meeting's attendance: counts by state and the rate (exempted members who did not come are not counted). */
export function attendanceSummary(rows: readonly { state: AttendanceState; exempt: boolean }[]): AttendanceSummary {
  const count = (s: AttendanceState) => rows.filter((r) => r.state === s).length;
  const present = count('present');
  const late = count('late');
  const exemptAbsent = rows.filter((r) => r.exempt && !isCheckedIn(r.state)).length;
  return {
    invited: rows.length,
    present,
    late,
    excused: count('excused'),
    unexcused: count('unexcused'),
    exempt: count('exempt'),
    pending: count('invited'),
    rate: ratio(present + late, rows.length - exemptAbsent),
  };
}

/** The members counted for a decision, from the attendance rows and the accepted excuses. */
export function countedMembers(
  rows: readonly { memberId: string; official: boolean; exempt: boolean; hold: ActivityHold | null; state: AttendanceState }[],
  acceptedExcuses: ReadonlySet<string>,
): CountedMember[] {
  return rows.map((r) => ({
    official: r.official,
    exempt: r.exempt,
    hold: r.hold,
    present: isCheckedIn(r.state),
    excused: r.state === 'excused' || acceptedExcuses.has(r.memberId),
  }));
}

/**
 * Whether the counts of a motion may be shown. An open (named) motion's always; a secret motion's
 * only once it is closed, and only when at least k ballots were cast (k = SURVEY_ANONYMITY_K, the
 * anonymous surveys' threshold): fewer could single a voter out.
 */
export function motionCountsShown(motion: { secret: boolean; status: 'open' | 'closed' }, ballots: number, k: number): boolean {
  if (!motion.secret) return true;
  return motion.status === 'closed' && ballots >= k;
}

/**
 * The attendance state after the secretary decides an excuse: accepted → excused, declined → back
 * to invited (before the meeting ends) or unexcused (once held; excused still for a member on an
 * activity hold, whose absence the branch knows of: closingState). A member who checked in keeps it;
 * an exempted member absent stays exempt.
 */
export function attendanceAfterExcuse(
  state: AttendanceState,
  accepted: boolean,
  status: MeetingStatus,
  hold: ActivityHold | null = null,
): AttendanceState {
  if (isCheckedIn(state) || state === 'exempt') return state;
  if (accepted) return 'excused';
  if (status !== 'held') return 'invited';
  return hold ? 'excused' : 'unexcused';
}

/** Only a full member who checked in and is not suspended votes, and only while the meeting is in progress. */
export function canVote(
  status: MeetingStatus,
  attendance: { official: boolean; state: AttendanceState; hold: ActivityHold | null } | null,
): boolean {
  return status === 'in_progress' && !!attendance && attendance.official && mayTakePart(attendance) && isCheckedIn(attendance.state);
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
// ---- planning ----

/** Statuses in which the secretary may still change the meeting's details and agenda. */
export const EDITABLE_STATUSES: readonly MeetingStatus[] = ['draft', 'scheduled', 'postponed'];

/** Vietnam is UTC+7 all year (no daylight saving): a local wall-clock time is this many minutes ahead of UTC. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** The instant of a Vietnam wall-clock time: day `day` of `month` ('YYYY-MM') at `time` ('HH:MM'). */
export function vietnamTime(month: string, day: number, time: string): Date {
  const [y, m] = month.slice(0, 7).split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, day, hh, mm) - VIETNAM_OFFSET_MINUTES * 60_000);
}

/** The default monthly template of a committee that has not saved one. */
export const DEFAULT_TEMPLATE = {
  title: 'Sinh hoạt chi bộ thường kỳ',
  dayOfMonth: 5,
  startTime: '14:00',
  durationMinutes: 120,
  place: null,
  onlineUrl: null,
  agenda: [],
  deadlineDay: DEFAULT_DEADLINE_DAY,
} as const;

/** The title of a month's regular meeting drafted from the template: `<template title> tháng MM/YYYY`. */
export function draftTitle(templateTitle: string, month: string): string {
  return `${templateTitle} tháng ${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** A meeting without an end time is taken to last this long. */
export const DEFAULT_DURATION_MINUTES = 120;
