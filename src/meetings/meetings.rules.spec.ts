import { describe, expect, it } from '@jest/globals';
import {
  canMoveTo,
  decisionDenominator,
  draftTitle,
  isLate,
  passes,
  schedulingDeadline,
  vietnamTime,
  type CountedMember,
} from './meetings.rules.js';

const member = (o: Partial<CountedMember>): CountedMember => ({
  official: true,
  exempt: false,
  hold: null,
  present: false,
  excused: false,
  ...o,
});

describe('meeting rules', () => {
  it('puts the deadline of a regular meeting on day N of the month before, across a year end', () => {
    expect(schedulingDeadline('2027-01-01')).toBe('2026-12-20');
    expect(schedulingDeadline('2026-07', 15)).toBe('2026-06-15');
  });

  it('marks only a regular meeting scheduled after the deadline late', () => {
    expect(isLate('regular', '2026-12-01', '2026-11-20')).toBe(false);
    expect(isLate('regular', '2026-12-01', '2026-11-21')).toBe(true);
    expect(isLate('thematic', '2026-12-01', '2026-11-30')).toBe(false);
  });

  it('counts the full members convened, less the exempted and the excused who are absent', () => {
    const members = [
      member({ present: true }),
      member({ present: true }),
      member({}), // absent without a reason: still counted
      member({ exempt: true }), // exempted and absent: not counted
      member({ exempt: true, present: true }), // exempted but came: counted
      member({ excused: true }), // excused: not counted
      member({ official: false, present: true }), // probationary: never counted
    ];
    expect(decisionDenominator(members)).toBe(4);
  });

  it('leaves out a member on temporary transfer unless present, and a suspended member always (24-QĐ/TW point 9.3.2)', () => {
    const four = [member({ present: true }), member({ present: true })];
    // a branch of 4 full members: one attending elsewhere and absent, one suspended
    expect(decisionDenominator([...four, member({ hold: 'temporary_transfer' }), member({ hold: 'suspended' })])).toBe(2);
    expect(passes(2, 2)).toBe(true);
    // the member on temporary transfer who comes is counted, like an exempted member who comes
    expect(decisionDenominator([...four, member({ hold: 'temporary_transfer', present: true }), member({ hold: 'suspended' })])).toBe(3);
    // a suspended member is not counted even if marked present somehow, nor a probationary one on a hold
    expect(
      decisionDenominator([
        member({ hold: 'suspended', present: true }),
        member({ official: false, hold: 'temporary_transfer', present: true }),
      ]),
    ).toBe(0);
    // a hold with an accepted excuse or an exemption: still not counted when absent
    expect(
      decisionDenominator([member({ hold: 'temporary_transfer', excused: true }), member({ hold: 'temporary_transfer', exempt: true })]),
    ).toBe(0);
  });

  it('passes a decision with more than half of those counted', () => {
    expect(passes(3, 4)).toBe(true);
    expect(passes(2, 4)).toBe(false);
    expect(passes(0, 0)).toBe(false);
  });

  it('allows the documented status changes only', () => {
    expect(canMoveTo('draft', 'scheduled')).toBe(true);
    expect(canMoveTo('held', 'in_progress')).toBe(false);
    expect(canMoveTo('minutes_locked', 'held')).toBe(false);
    expect(canMoveTo('postponed', 'scheduled')).toBe(true);
  });
});

describe('planning rules', () => {
  it('reads a Vietnam wall-clock time as UTC+7', () => {
    expect(vietnamTime('2026-01', 5, '14:00').toISOString()).toBe('2026-01-05T07:00:00.000Z');
    expect(vietnamTime('2026-03-01', 1, '06:30').toISOString()).toBe('2026-02-28T23:30:00.000Z');
  });

  it('titles a drafted regular meeting with its month', () => {
    expect(draftTitle('Sinh hoạt chi bộ thường kỳ', '2026-01')).toBe('Sinh hoạt chi bộ thường kỳ tháng 01/2026');
  });
});
