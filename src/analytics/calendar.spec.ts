import { describe, expect, it } from '@jest/globals';
import { addDays, addMonths, daysBetween, isCalendarDate, monthOf, retentionCutoff, startOfDay } from './calendar.js';

describe('the analytics calendar', () => {
  it('checks dates that exist', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
  });

  it('counts days and months on the calendar', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2022-01-01', '2022-11-15')).toBe(319);
    expect(daysBetween('2025-05-05', '2025-05-05')).toBe(1);
    expect(monthOf('2025-05-17')).toBe('2025-05-01');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-01');
    expect(addMonths('2025-03-15', -13)).toBe('2024-02-01');
  });

  it('starts a day at midnight in Hà Nội', () => {
    expect(startOfDay('2025-01-01').toISOString()).toBe('2024-12-31T17:00:00.000Z');
  });

  it('keeps the current month and the retention months before it', () => {
    // 2026-03-15 in Vietnam
    const cut = retentionCutoff(new Date('2026-03-15T03:00:00Z'), 13);
    expect(cut.day).toBe('2025-02-01');
    expect(cut.at.toISOString()).toBe('2025-01-31T17:00:00.000Z');
    // 31 January 23:30 UTC is already 1 February in Vietnam
    expect(retentionCutoff(new Date('2026-01-31T17:30:00Z'), 1).day).toBe('2026-01-01');
  });
});
