import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/errors.js';

/**
 * Every code the surveys module answers besides the generic ones of common/errors.ts (NOT_FOUND,
 * VALIDATION_FAILED, FORBIDDEN, INVALID_LIST_QUERY). The values are the wire codes.
 */
export enum SurveyErrorCode {
  HasResponses = 'SURVEY_HAS_RESPONSES',
  Closed = 'SURVEY_CLOSED',
  NotDraft = 'SURVEY_NOT_DRAFT',
  NotOpen = 'SURVEY_NOT_OPEN',
  NotAnswerable = 'SURVEY_NOT_ANSWERABLE',
  WindowPassed = 'SURVEY_WINDOW_PASSED',
  NotAcceptingResponses = 'SURVEY_NOT_ACCEPTING_RESPONSES',
  AlreadyResponded = 'ALREADY_RESPONDED',
  ResultsNotYetVisible = 'RESULTS_NOT_YET_VISIBLE',
  PrivacyLocked = 'SURVEY_PRIVACY_LOCKED',
  AnonymityChanged = 'SURVEY_ANONYMITY_CHANGED',
}

/** The surveys module's errors. */
export const SurveyErrors = {
  notFound: () => ApiError.notFound('Survey'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeArchived: () =>
    ApiError.validation({ committeeId: 'the committee is archived (merged or dissolved); target the committee that replaced it' }),
  hasResponses: (changes: string[]) =>
    ApiError.conflict(
      SurveyErrorCode.HasResponses,
      `The survey has answers: only wording (title, description, question and option texts) and dates may change. Refused: ${changes.join('; ')}`,
    ),
  hasResponsesDelete: () =>
    ApiError.conflict(SurveyErrorCode.HasResponses, 'The survey has answers and is kept as a record; it cannot be deleted'),
  closed: () =>
    ApiError.conflict(SurveyErrorCode.Closed, 'The survey is closed: a closed survey is final (only its wording may still be corrected)'),
  notDraft: () => ApiError.conflict(SurveyErrorCode.NotDraft, 'Only a draft survey can be opened'),
  notOpen: () => ApiError.conflict(SurveyErrorCode.NotOpen, 'Only an open (or scheduled) survey can be closed'),
  notAnswerable: () =>
    ApiError.conflict(
      SurveyErrorCode.NotAnswerable,
      'The survey has no question to answer (a quiz needs a choice question worth points); add one before opening',
    ),
  windowPassed: () => ApiError.conflict(SurveyErrorCode.WindowPassed, 'closesAt has passed: move it into the future before opening'),
  notAcceptingResponses: (status: string) =>
    ApiError.conflict(
      SurveyErrorCode.NotAcceptingResponses,
      status === 'scheduled' ? 'The survey is not open yet' : `The survey is ${status}: it takes no answers`,
    ),
  alreadyResponded: () => ApiError.conflict(SurveyErrorCode.AlreadyResponded, 'You have already answered this survey'),
  resultsHidden: () =>
    new ApiError(
      HttpStatus.FORBIDDEN,
      SurveyErrorCode.ResultsNotYetVisible,
      'The results of this survey are shown once it closes (resultsVisibility is after_close)',
    ),
  privacyLocked: () =>
    ApiError.conflict(
      SurveyErrorCode.PrivacyLocked,
      'Anonymity and results visibility are fixed once the survey is opened: members answer on the terms they were shown',
    ),
  anonymityChanged: (anonymous: boolean) =>
    ApiError.conflict(
      SurveyErrorCode.AnonymityChanged,
      `This survey is ${anonymous ? 'anonymous' : 'not anonymous'}, not as your answer says: read it again before answering. Nothing was stored`,
    ),
  notAMember: () => ApiError.forbidden('Only a member with a member record can answer surveys'),
};
