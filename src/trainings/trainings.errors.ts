import { ApiError } from '../common/errors.js';
import { CommitteeErrorCode, CommitteeErrors } from '../committees/committees.errors.js';

/**
 * The codes the trainings module answers besides the generic ones of common/errors.ts
 * (NOT_FOUND, VALIDATION_FAILED, INVALID_LIST_QUERY).
 */
export enum TrainingErrorCode {
  /** The organising committee has been merged or dissolved (the committees module's code and message). */
  CommitteeArchived = CommitteeErrorCode.Archived,
}

export const TrainingErrors = {
  notFound: () => ApiError.notFound('Training'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  committeeArchived: () => CommitteeErrors.archived(),
  inFuture: () => ApiError.validation({ heldOn: 'heldOn cannot be in the future: record a training once it has been held' }),
};
