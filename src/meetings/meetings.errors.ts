import { ApiError } from '../common/errors.js';

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

  // ---- minutes and tasks ----
  /** The meeting has not been held yet: there are no minutes to read, write or print. */
  MinutesNotAvailable = 'MEETING_MINUTES_NOT_AVAILABLE',
  /** The minutes are not locked yet: addenda and the members' copy come after the lock. */
  MinutesNotLocked = 'MEETING_MINUTES_NOT_LOCKED',
  /** Locking needs both the discussion summary and the conclusions. */
  MinutesIncomplete = 'MEETING_MINUTES_INCOMPLETE',
  /** Tasks are assigned during or after the meeting, not before it (nor for a cancelled one). */
  TasksNotOpen = 'MEETING_TASKS_NOT_OPEN',
}

export const MeetingErrors = {
  notFound: () => ApiError.notFound('Meeting'),

  // ---- minutes and tasks ----
  minutesLocked: () =>
    ApiError.conflict(MeetingErrorCode.MinutesLocked, 'The minutes are locked: add a dated addendum instead of editing them'),
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
};
