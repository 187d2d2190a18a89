import { describe, expect, it } from '@jest/globals';
import { isOverdue } from './meetings.rules.js';
import { summariseAttendance } from './minutes.service.js';
import type { MinutesAttendee } from './minutes.repository.js';

const row = (fullName: string, state: MinutesAttendee['state'], official = true, exempt = false): MinutesAttendee => ({
  memberId: fullName,
  fullName,
  official,
  exempt,
  hold: null,
  state,
});

describe('minutes and tasks rules', () => {
  it('counts the attendance by state, the late among the present, and lists only the absent', () => {
    const summary = summariseAttendance([
      row('An', 'present'),
      row('Bình', 'late', false),
      row('Cường', 'excused'),
      row('Dũng', 'unexcused', false),
      row('Em', 'exempt', true, true),
      row('Giang', 'invited'),
    ]);
    expect(summary).toEqual({
      total: 6,
      official: 4,
      probationary: 2,
      present: 2,
      late: 1,
      excused: 1,
      unexcused: 1,
      exempt: 1,
      unmarked: 1,
      absentees: [
        { memberId: 'Cường', fullName: 'Cường', state: 'excused', hold: null },
        { memberId: 'Dũng', fullName: 'Dũng', state: 'unexcused', hold: null },
        { memberId: 'Em', fullName: 'Em', state: 'exempt', hold: null },
        { memberId: 'Giang', fullName: 'Giang', state: 'invited', hold: null },
      ],
    });
  });

  it('calls a task overdue only when not done and its due day is before today', () => {
    expect(isOverdue('2026-12-04', false, '2026-12-05')).toBe(true);
    expect(isOverdue('2026-12-05', false, '2026-12-05')).toBe(false);
    expect(isOverdue('2026-12-04', true, '2026-12-05')).toBe(false);
    expect(isOverdue(null, false, '2026-12-05')).toBe(false);
  });
});
