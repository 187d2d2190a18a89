import { describe, expect, it } from '@jest/globals';
import { localDate } from './dates.js';

describe('localDate', () => {
  it('answers the date in Vietnam, seven hours ahead of UTC', () => {
    expect(localDate(new Date('2026-01-01T16:59:59Z'))).toBe('2026-01-01');
    expect(localDate(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
  });
});
