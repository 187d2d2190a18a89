import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/errors.js';

/** The surveys module's error codes. */
export const SurveyErrors = {
  notFound: () => ApiError.notFound('Survey'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeArchived: () => ApiError.validation({ committeeId: 'the committee is archived (merged or dissolved); target the committee that replaced it' }),
  hasResponses: (changes: string[]) =>
    ApiError.conflict(
      'SURVEY_HAS_RESPONSES',
      `The survey has answers: only wording (title, description, question and option texts) and dates may change. Refused: ${changes.join('; ')}`,
    ),
  hasResponsesDelete: () => ApiError.conflict('SURVEY_HAS_RESPONSES', 'The survey has answers and is kept as a record; it cannot be deleted'),
  closed: () => ApiError.conflict('SURVEY_CLOSED', 'The survey is closed: a closed survey is final (only its wording may still be corrected)'),
  notDraft: () => ApiError.conflict('SURVEY_NOT_DRAFT', 'Only a draft survey can be opened'),
  notOpen: () => ApiError.conflict('SURVEY_NOT_OPEN', 'Only an open (or scheduled) survey can be closed'),
  notAnswerable: () =>
    ApiError.conflict('SURVEY_NOT_ANSWERABLE', 'The survey has no question to answer (a quiz needs a choice question worth points); add one before opening'),
  windowPassed: () => ApiError.conflict('SURVEY_WINDOW_PASSED', 'closesAt has passed: move it into the future before opening'),
  notAcceptingResponses: (status: string) =>
    ApiError.conflict('SURVEY_NOT_ACCEPTING_RESPONSES', status === 'scheduled' ? 'The survey is not open yet' : `The survey is ${status}: it takes no answers`),
  alreadyResponded: () => ApiError.conflict('ALREADY_RESPONDED', 'You have already answered this survey'),
  resultsHidden: () =>
    new ApiError(HttpStatus.FORBIDDEN, 'RESULTS_NOT_YET_VISIBLE', 'The results of this survey are shown once it closes (resultsVisibility is after_close)'),
  privacyLocked: () =>
    ApiError.conflict(
      'SURVEY_PRIVACY_LOCKED',
      'Anonymity and results visibility are fixed once the survey is opened: members answer on the terms they were shown',
    ),
  anonymityChanged: (anonymous: boolean) =>
    ApiError.conflict(
      'SURVEY_ANONYMITY_CHANGED',
      `This survey is ${anonymous ? 'anonymous' : 'not anonymous'}, not as your answer says: read it again before answering. Nothing was stored`,
    ),
  notAMember: () => ApiError.forbidden('Only a member with a member record can answer surveys'),
};
