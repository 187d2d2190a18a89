import { ApiError } from '../common/errors.js';

/**
 * Every code analytics answers. It has none of its own: a report's bad window or committee is a
 * validation failure on the field, a missing member record or committee a plain 404 (the generic
 * codes of src/common/errors.ts, with the same wire values).
 */
export enum AnalyticsErrorCode {
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
}

export const AnalyticsErrors = {
  /** The caller has no member record (events come from members only), or it was removed. */
  noMemberRecord: () => ApiError.notFound('Member record'),
  /** No committee to report on: the tree is empty. */
  noCommittee: () => ApiError.notFound('Committee'),
  /** An admin of the whole tree asked without committeeId and there are several roots. */
  rootAmbiguous: (n: number) => ApiError.validation({ committeeId: `committeeId is required: there are ${n} root committees` }),
  /** A report window's dates (`from`, `to`) are malformed, reversed or too far apart. */
  invalidWindow: (errors: Record<string, string>) => ApiError.validation(errors),
};
