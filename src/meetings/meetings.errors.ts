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
}

export const MeetingErrors = {
  notFound: () => ApiError.notFound('Meeting'),
};
