import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/errors.js';
import { tooManyRequests } from '../common/rate-limit.service.js';

/** The codes the meetings module answers besides the generic ones of common/errors.ts. */
export enum MeetingErrorCode {
  /** The status does not allow this change (e.g. editing a held meeting, starting a draft). */
  InvalidTransition = 'MEETING_INVALID_TRANSITION',
  /** The meeting would start in the past. */
  InPast = 'MEETING_IN_PAST',
  /** The committee does not hold members' meetings (only branches and grassroots committees do). */
  NotMemberHolding = 'MEETING_COMMITTEE_NOT_MEMBER_HOLDING',
  /** The minutes are locked: corrections go in a dated addendum. */
  MinutesLocked = 'MEETING_MINUTES_LOCKED',

  // ---- Attendance and votes ----
  /** Started more than START_EARLY_MINUTES before the start time. */
  TooEarlyToStart = 'MEETING_TOO_EARLY_TO_START',
  /** Only an in-progress meeting shows a check-in code, takes motions, or (with held) attendance marks. */
  NotInProgress = 'MEETING_NOT_IN_PROGRESS',
  /** A check-in code that is not the current one (or the one just before). */
  CheckInCodeInvalid = 'CHECK_IN_CODE_INVALID',
  /** Check-in outside the meeting window, or when the meeting is not in progress. */
  CheckInClosed = 'CHECK_IN_CLOSED',
  /** A member suspended from Party activities (đình chỉ sinh hoạt đảng) does not check in or get marked present. */
  CheckInNotEligible = 'CHECK_IN_NOT_ELIGIBLE',
  /** Too many check-in attempts (the guard against guessing codes). */
  CheckInRateLimited = 'CHECK_IN_RATE_LIMITED',
  /** Only full members (đảng viên chính thức) invited to the meeting and not suspended from Party activities vote. */
  VoteNotEligible = 'VOTE_NOT_ELIGIBLE',
  /** Only members checked in (present or late) vote. */
  VoteNotCheckedIn = 'VOTE_NOT_CHECKED_IN',
  /** The motion is closed. */
  MotionClosed = 'MOTION_CLOSED',
  /** One vote per member and motion. */
  AlreadyVoted = 'ALREADY_VOTED',
  // ---- before the meeting (excuses, comments): me-meetings.service.ts, excuses-comments.service.ts ----
  /** Excuses are asked and decided only before the meeting is over (scheduled, postponed, in progress; decided also once held). */
  ExcuseClosed = 'MEETING_EXCUSE_CLOSED',
  /** The excuse was already accepted or declined: it is no longer changed. */
  ExcuseDecided = 'MEETING_EXCUSE_DECIDED',
  /** The member is not on the meeting's invitation list (joined the branch after it was sent). */
  NotInvited = 'MEETING_NOT_INVITED',
  /** The member checked in: they are at the meeting and cannot be excused from it. */
  AlreadyCheckedIn = 'MEETING_ALREADY_CHECKED_IN',
  /** Comments (góp ý) are taken only while the meeting is scheduled or in progress. */
  CommentsClosed = 'MEETING_COMMENTS_CLOSED',
  /** The agenda item named is not one of this meeting's. */
  AgendaItemNotFound = 'MEETING_AGENDA_ITEM_NOT_FOUND',
  // ---- minutes and tasks ----
  /** The meeting has not been held yet: there are no minutes to read, write or print. */
  MinutesNotAvailable = 'MEETING_MINUTES_NOT_AVAILABLE',
  /** The minutes are not locked yet: addenda and the members' copy come after the lock. */
  MinutesNotLocked = 'MEETING_MINUTES_NOT_LOCKED',
  /** Locking needs both the discussion summary and the conclusions. */
  MinutesIncomplete = 'MEETING_MINUTES_INCOMPLETE',
  /** Tasks are assigned during or after the meeting, not before it (nor for a cancelled one). */
  TasksNotOpen = 'MEETING_TASKS_NOT_OPEN',
  // ---- planning (meetings, templates, guidance: meetings.service.ts, meeting-templates.service.ts, meeting-guidance.service.ts) ----
  /** The committee already has a regular meeting (not cancelled) for that month. */
  RegularExists = 'MEETING_REGULAR_EXISTS',
  /** Published guidance is fixed: branches may have adopted it. */
  GuidancePublished = 'MEETING_GUIDANCE_PUBLISHED',
  /** An agenda item members have commented on cannot be taken off the agenda. */
  AgendaItemHasComments = 'MEETING_AGENDA_ITEM_HAS_COMMENTS',
}

export const MeetingErrors = {
  notFound: () => ApiError.notFound('Meeting'),

  // ---- Attendance and votes ----
  tooEarlyToStart: (minutes: number) =>
    ApiError.conflict(MeetingErrorCode.TooEarlyToStart, `A meeting can be started from ${minutes} minutes before its start time`),
  notInProgress: (status: string) => ApiError.conflict(MeetingErrorCode.NotInProgress, `The meeting is ${status}, not in progress`),
  notInProgressOrHeld: (status: string) =>
    ApiError.conflict(MeetingErrorCode.NotInProgress, `Attendance is marked while the meeting is in progress or held; it is ${status}`),
  minutesLocked: () => ApiError.conflict(MeetingErrorCode.MinutesLocked, 'The minutes are locked: corrections go in a dated addendum'),
  attendanceNotFound: () => ApiError.notFound('Attendance'),
  motionNotFound: () => ApiError.notFound('Motion'),
  checkInCodeInvalid: () =>
    new ApiError(
      HttpStatus.BAD_REQUEST,
      MeetingErrorCode.CheckInCodeInvalid,
      'The check-in code is wrong or has expired: read the code shown now',
    ),
  checkInClosed: () =>
    new ApiError(
      HttpStatus.BAD_REQUEST,
      MeetingErrorCode.CheckInClosed,
      'Check-in is open while the meeting is in progress, from 30 minutes before its start until its end',
    ),
  checkInRateLimited: (retryAfter: number) =>
    tooManyRequests(retryAfter, MeetingErrorCode.CheckInRateLimited, 'Too many check-in attempts for this meeting'),
  voteNotEligible: () =>
    new ApiError(
      HttpStatus.FORBIDDEN,
      MeetingErrorCode.VoteNotEligible,
      'Only full members invited to the meeting and not suspended from Party activities vote. Nothing was stored',
    ),
  checkInNotEligible: () =>
    new ApiError(
      HttpStatus.FORBIDDEN,
      MeetingErrorCode.CheckInNotEligible,
      'The member is suspended from Party activities and does not take part in the meeting. Nothing was stored',
    ),
  voteNotCheckedIn: () =>
    new ApiError(HttpStatus.FORBIDDEN, MeetingErrorCode.VoteNotCheckedIn, 'Check in to the meeting before voting. Nothing was stored'),
  motionClosed: () => ApiError.conflict(MeetingErrorCode.MotionClosed, 'The motion is closed. Nothing was stored'),
  alreadyVoted: () => ApiError.conflict(MeetingErrorCode.AlreadyVoted, 'You have already voted on this motion; it counted once'),
  // ---- before the meeting ----
  excuseNotFound: () => ApiError.notFound('Excuse'),
  commentNotFound: () => ApiError.notFound('Comment'),
  attachmentNotFound: () => ApiError.notFound('Attachment'),
  excuseClosed: () => ApiError.conflict(MeetingErrorCode.ExcuseClosed, 'The meeting is over or cancelled: it takes no excuses'),
  excuseDecided: () => ApiError.conflict(MeetingErrorCode.ExcuseDecided, 'The excuse was already decided'),
  notInvited: () =>
    new ApiError(HttpStatus.FORBIDDEN, MeetingErrorCode.NotInvited, 'The member is not on the invitation list of this meeting'),
  alreadyCheckedIn: () => ApiError.conflict(MeetingErrorCode.AlreadyCheckedIn, 'The member has checked in to this meeting'),
  commentsClosed: () =>
    ApiError.conflict(MeetingErrorCode.CommentsClosed, 'Comments are taken only while the meeting is scheduled or in progress'),
  agendaItemNotFound: () =>
    ApiError.badRequest(
      'The agenda item is not one of this meeting',
      { agendaItemId: 'not an agenda item of this meeting' },
      MeetingErrorCode.AgendaItemNotFound,
    ),
  // ---- minutes and tasks ----
  minutesNotAvailable: () =>
    ApiError.conflict(MeetingErrorCode.MinutesNotAvailable, 'The meeting has not been held yet: its minutes do not exist'),
  minutesNotLocked: () => ApiError.conflict(MeetingErrorCode.MinutesNotLocked, 'The minutes are not locked yet'),
  minutesIncomplete: (errors: Record<string, string>) =>
    ApiError.badRequest(
      'Write the discussion summary and the conclusions before locking the minutes',
      errors,
      MeetingErrorCode.MinutesIncomplete,
    ),
  tasksNotOpen: () =>
    ApiError.conflict(
      MeetingErrorCode.TasksNotOpen,
      'Tasks are assigned during or after the meeting, not before it or for a cancelled one',
    ),
  taskNotFound: () => ApiError.notFound('Task'),
  assigneeNotInvited: () => ApiError.validation({ assigneeMemberId: 'the assignee must be a member invited to this meeting' }),
  // ---- planning ----
  invalidTransition: (from: string, action: string) =>
    ApiError.conflict(MeetingErrorCode.InvalidTransition, `A ${from} meeting cannot be ${action}`),
  inPast: () =>
    ApiError.badRequest('The meeting would start in the past', { startsAt: 'startsAt must be in the future' }, MeetingErrorCode.InPast),
  notMemberHolding: (field = 'committeeId') =>
    ApiError.badRequest(
      "Only branches and grassroots committees hold members' meetings",
      { [field]: 'the committee is not a branch or a grassroots committee' },
      MeetingErrorCode.NotMemberHolding,
    ),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeArchived: () => ApiError.validation({ committeeId: 'the committee was merged or dissolved' }),
  regularExists: (month: string) =>
    ApiError.conflict(MeetingErrorCode.RegularExists, `The committee already has a regular meeting for ${month}`),
  agendaItemHasComments: () =>
    ApiError.conflict(
      MeetingErrorCode.AgendaItemHasComments,
      'Members have commented on an agenda item this change would remove; keep the item (send its id)',
    ),
  /** An upload's path names an agenda item that is not this meeting's (a 404, where a body naming one is a 400). */
  agendaItemPathNotFound: () => ApiError.notFound('Agenda item'),
  guidanceNotFound: () => ApiError.notFound('Guidance'),
  guidancePublished: () => ApiError.conflict(MeetingErrorCode.GuidancePublished, 'Published guidance can no longer be changed or deleted'),
  templateCommitteeNotFound: () => ApiError.notFound('Committee'),
};
