import { ApiError } from '../common/errors.js';

/**
 * Every code the news module answers. Both are the generic codes of common/errors.ts (built by
 * ApiError.notFound and ApiError.validation); news has no code of its own. The feed's
 * INVALID_CURSOR comes from common/cursor.ts.
 */
export enum NewsErrorCode {
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
}

export const NewsErrors = {
  notFound: () => ApiError.notFound('News item'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeArchived: () => ApiError.validation({ committeeId: 'the committee is archived (merged or dissolved); publish from the committee that replaced it' }),
};
