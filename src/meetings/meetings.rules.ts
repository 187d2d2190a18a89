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
