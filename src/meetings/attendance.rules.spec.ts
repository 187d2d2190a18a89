import { describe, expect, it } from '@jest/globals';
import {
  attendanceSummary,
  checkInCode,
  checkInCodeMatches,
  checkInState,
  closingState,
  codeWindow,
  codeWindowEnd,
  countedMembers,
  decisionDenominator,
  inCheckInWindow,
  mayStart,
  motionCountsShown,
} from './meetings.rules.js';

const at = (iso: string) => new Date(iso);
const START = at('2026-03-05T07:00:00Z'); // 14:00 in Hà Nội
const END = at('2026-03-05T09:00:00Z');

describe('attendance and vote rules', () => {
  it('derives a 6-digit code per 60 s window, accepted in its window and the next', () => {
    const secret = 'a'.repeat(64);
    const now = at('2026-03-05T07:10:30Z');
    const w = codeWindow(now);
    expect(checkInCode(secret, w)).toMatch(/^\d{6}$/);
    expect(checkInCode(secret, w)).toBe(checkInCode(secret, w));
    expect(checkInCode('b'.repeat(64), w)).not.toBe(checkInCode(secret, w));
    expect(codeWindowEnd(w).toISOString()).toBe('2026-03-05T07:11:00.000Z');
    expect(checkInCodeMatches(secret, checkInCode(secret, w), now)).toBe(true);
    expect(checkInCodeMatches(secret, checkInCode(secret, w - 1), now)).toBe(true);
    const stale = checkInCode(secret, w - 2);
    if (stale !== checkInCode(secret, w) && stale !== checkInCode(secret, w - 1))
      expect(checkInCodeMatches(secret, stale, now)).toBe(false);
    expect(checkInCodeMatches(secret, '12345', now)).toBe(false);
  });

  it('opens start an hour ahead and check-in half an hour ahead until the end; late after 15 minutes', () => {
    expect(mayStart(START, at('2026-03-05T05:59:59Z'))).toBe(false);
    expect(mayStart(START, at('2026-03-05T06:00:00Z'))).toBe(true);
    expect(inCheckInWindow(START, END, at('2026-03-05T06:29:59Z'))).toBe(false);
    expect(inCheckInWindow(START, END, at('2026-03-05T06:30:00Z'))).toBe(true);
    expect(inCheckInWindow(START, END, at('2026-03-05T09:00:01Z'))).toBe(false);
    expect(checkInState(START, at('2026-03-05T07:15:00Z'))).toBe('present');
    expect(checkInState(START, at('2026-03-05T07:15:01Z'))).toBe('late');
  });

  it('resolves the invited at close and counts the rate without exempted absentees', () => {
    expect(closingState({ state: 'invited', exempt: false, hold: null }, true)).toBe('excused');
    expect(closingState({ state: 'invited', exempt: true, hold: null }, false)).toBe('exempt');
    expect(closingState({ state: 'invited', exempt: false, hold: null }, false)).toBe('unexcused');
    expect(closingState({ state: 'late', exempt: false, hold: null }, true)).toBe('late');
    const rows = [
      { state: 'present', exempt: false },
      { state: 'late', exempt: false },
      { state: 'present', exempt: true }, // an exempted member who came counts
      { state: 'exempt', exempt: true },
      { state: 'unexcused', exempt: false },
    ] as const;
    expect(attendanceSummary(rows)).toEqual({
      invited: 5,
      present: 2,
      late: 1,
      excused: 0,
      unexcused: 1,
      exempt: 1,
      pending: 0,
      rate: 0.75,
    });
    expect(attendanceSummary([]).rate).toBeNull();
  });

  it('counts for a decision the full members less the excused and exempted absentees', () => {
    const rows = [
      { memberId: 'a', official: true, exempt: false, hold: null, state: 'present' },
      { memberId: 'b', official: true, exempt: false, hold: null, state: 'invited' }, // accepted excuse, not yet closed
      { memberId: 'c', official: true, exempt: true, hold: null, state: 'late' },
      { memberId: 'd', official: true, exempt: true, hold: null, state: 'invited' },
      { memberId: 'e', official: false, exempt: false, hold: null, state: 'present' },
      { memberId: 'f', official: true, exempt: false, hold: null, state: 'unexcused' },
    ] as const;
    expect(decisionDenominator(countedMembers(rows, new Set(['b'])))).toBe(3);
  });

  it('closes an absent member on an activity hold as excused, and counts them for a decision only when a transfer comes', () => {
    expect(closingState({ state: 'invited', exempt: false, hold: 'temporary_transfer' }, false)).toBe('excused');
    expect(closingState({ state: 'invited', exempt: false, hold: 'suspended' }, false)).toBe('excused');
    // exempted as well: the exemption decides (never counted absent)
    expect(closingState({ state: 'invited', exempt: true, hold: 'temporary_transfer' }, false)).toBe('exempt');
    expect(closingState({ state: 'present', exempt: false, hold: 'temporary_transfer' }, false)).toBe('present');
    const rows = [
      { memberId: 'a', official: true, exempt: false, hold: null, state: 'present' },
      { memberId: 'b', official: true, exempt: false, hold: null, state: 'late' },
      { memberId: 't', official: true, exempt: false, hold: 'temporary_transfer', state: 'invited' },
      { memberId: 's', official: true, exempt: false, hold: 'suspended', state: 'invited' },
    ] as const;
    expect(decisionDenominator(countedMembers(rows, new Set()))).toBe(2);
    // closed: the absent on hold are excused, still not counted
    const closed = rows.map((r) => ({ ...r, state: closingState(r, false) }));
    expect(closed.map((r) => r.state)).toEqual(['present', 'late', 'excused', 'excused']);
    expect(decisionDenominator(countedMembers(closed, new Set()))).toBe(2);
    const cameAnyway = rows.map((r) => (r.memberId === 't' ? { ...r, state: 'present' as const } : r));
    expect(decisionDenominator(countedMembers(cameAnyway, new Set()))).toBe(3);
  });

  it('shows secret counts only once closed and with at least k ballots', () => {
    expect(motionCountsShown({ secret: false, status: 'open' }, 1, 5)).toBe(true);
    expect(motionCountsShown({ secret: true, status: 'open' }, 9, 5)).toBe(false);
    expect(motionCountsShown({ secret: true, status: 'closed' }, 4, 5)).toBe(false);
    expect(motionCountsShown({ secret: true, status: 'closed' }, 5, 5)).toBe(true);
  });
});
