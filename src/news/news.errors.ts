import { ApiError } from '../common/errors.js';

/**
 * The codes the news module answers besides the generic ones of common/errors.ts: none. It answers
 * NOT_FOUND, VALIDATION_FAILED, INVALID_LIST_QUERY and (the feed) INVALID_CURSOR only.
 */
export enum NewsErrorCode {}

export const NewsErrors = {
  notFound: () => ApiError.notFound('News item'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeArchived: () =>
    ApiError.validation({ committeeId: 'the committee is archived (merged or dissolved); publish from the committee that replaced it' }),
};
