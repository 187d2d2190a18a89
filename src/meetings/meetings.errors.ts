import { HttpStatus } from '@nestjs/common';
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
}

export const MeetingErrors = {
  notFound: () => ApiError.notFound('Meeting'),

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
  minutesLocked: () => ApiError.conflict(MeetingErrorCode.MinutesLocked, 'The minutes are locked'),
  agendaItemNotFound: () =>
    ApiError.badRequest(
      'The agenda item is not one of this meeting',
      { agendaItemId: 'not an agenda item of this meeting' },
      MeetingErrorCode.AgendaItemNotFound,
    ),
};
