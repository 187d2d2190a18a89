import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors.js';
import { AnalyticsErrorCode, AnalyticsErrors } from './analytics.errors.js';

describe('AnalyticsErrors', () => {
  it('answers only the codes AnalyticsErrorCode lists', () => {
    const errors: ApiError[] = [
      AnalyticsErrors.noMemberRecord(),
      AnalyticsErrors.noCommittee(),
      AnalyticsErrors.rootAmbiguous(2),
      AnalyticsErrors.invalidWindow({ from: 'from must not be after to' }),
    ];
    const codes = new Set<string>(Object.values(AnalyticsErrorCode));
    for (const e of errors) expect(codes.has(e.code)).toBe(true);
  });
});
