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
  attachmentNotFound: () => ApiError.notFound('Attachment'),
  agendaItemNotFound: () => ApiError.notFound('Agenda item'),
  guidanceNotFound: () => ApiError.notFound('Guidance'),
  guidancePublished: () => ApiError.conflict(MeetingErrorCode.GuidancePublished, 'Published guidance can no longer be changed or deleted'),
  templateCommitteeNotFound: () => ApiError.notFound('Committee'),
};
