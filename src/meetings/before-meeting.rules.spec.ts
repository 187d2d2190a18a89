import { describe, expect, it } from '@jest/globals';
import {
  ATTENDANCE_STATES,
  attendanceAfterExcuse,
  canVote,
  COMMENT_OPEN_STATUSES,
  EXCUSE_OPEN_STATUSES,
  MEETING_STATUSES,
} from './meetings.rules.js';

describe('before the meeting: excuses and votes', () => {
  it('an accepted excuse excuses an absent member; a declined one leaves them invited, or unexcused once the meeting is held', () => {
    expect(attendanceAfterExcuse('invited', true, 'scheduled')).toBe('excused');
    expect(attendanceAfterExcuse('invited', false, 'scheduled')).toBe('invited');
    expect(attendanceAfterExcuse('excused', false, 'in_progress')).toBe('invited');
    expect(attendanceAfterExcuse('unexcused', true, 'held')).toBe('excused');
    expect(attendanceAfterExcuse('excused', false, 'held')).toBe('unexcused');
    // a member on an activity hold stays excused once held: the branch knows why they were away
    expect(attendanceAfterExcuse('excused', false, 'held', 'temporary_transfer')).toBe('excused');
    expect(attendanceAfterExcuse('invited', false, 'scheduled', 'suspended')).toBe('invited');
  });

  it('never changes a member who checked in, or an exempted one', () => {
    for (const state of ['present', 'late', 'exempt'] as const) {
      for (const accepted of [true, false]) expect(attendanceAfterExcuse(state, accepted, 'held')).toBe(state);
    }
  });

  it('lets only a full member who checked in vote, only while the meeting is in progress', () => {
    const allowed: string[] = [];
    for (const status of MEETING_STATUSES) {
      for (const state of ATTENDANCE_STATES) {
        for (const official of [true, false]) {
          for (const hold of [null, 'temporary_transfer', 'suspended'] as const) {
            if (canVote(status, { official, state, hold })) allowed.push(`${status}/${state}/${official}/${hold}`);
          }
        }
      }
      expect(canVote(status, null)).toBe(false);
    }
    // a member on temporary transfer who came votes; a suspended member never does
    expect(allowed).toEqual([
      'in_progress/present/true/null',
      'in_progress/present/true/temporary_transfer',
      'in_progress/late/true/null',
      'in_progress/late/true/temporary_transfer',
    ]);
  });

  it('takes excuses and comments only before the meeting is over, never for a draft', () => {
    expect(EXCUSE_OPEN_STATUSES).not.toContain('draft');
    expect(COMMENT_OPEN_STATUSES).not.toContain('draft');
    for (const over of ['held', 'minutes_locked', 'cancelled'] as const) {
      expect(EXCUSE_OPEN_STATUSES).not.toContain(over);
      expect(COMMENT_OPEN_STATUSES).not.toContain(over);
    }
  });
});
