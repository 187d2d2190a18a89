import { ApiError } from '../common/errors.js';
import type { CommitteeKind } from '../committees/committee.entity.js';
import { CONTENT_ROLLUP_KINDS } from './analytics.rules.js';

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
  /** Views per item are not kept for this committee's kind (analytics.rules.ts CONTENT_ROLLUP_KINDS). */
  contentNotKept: (kind: CommitteeKind) =>
    ApiError.validation({
      committeeId: `views per item are kept for ${CONTENT_ROLLUP_KINDS.join(', ')} committees, not for a ${kind} one; ask for the committee above it`,
    }),
};
