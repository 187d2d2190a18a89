import { describe, expect, it } from '@jest/globals';
import { enRecordProblems } from '../../admin/src/i18n/recordProblemMessages.en.js';
import { viRecordProblems } from '../../admin/src/i18n/recordProblemMessages.js';
import { constraintProblemCode, RecordProblemCode } from './record-problems.js';

describe('record problem codes', () => {
  it('each have a Vietnamese and an English sentence in the dashboard, and no sentence is left over', () => {
    const codes = Object.values(RecordProblemCode);
    expect(codes.filter((c) => !viRecordProblems[c]?.trim())).toEqual([]);
    expect(codes.filter((c) => !enRecordProblems[c]?.trim())).toEqual([]);
    expect(Object.keys(viRecordProblems).filter((c) => !codes.includes(c as RecordProblemCode))).toEqual([]);
    expect(Object.keys(enRecordProblems).sort()).toEqual(Object.keys(viRecordProblems).sort());
  });

  it('name the problem of a value by its field and class-validator constraint', () => {
    expect(constraintProblemCode('phone', 'matches')).toBe(RecordProblemCode.PhoneFormat);
    expect(constraintProblemCode('email', 'isEmailAddress')).toBe(RecordProblemCode.EmailFormat);
    expect(constraintProblemCode('email', 'maxLength')).toBe(RecordProblemCode.TooLong);
    expect(constraintProblemCode('birthDate', 'matches')).toBe(RecordProblemCode.DateFormat);
    expect(constraintProblemCode('fullName', 'isNotEmpty')).toBe(RecordProblemCode.Required);
    expect(constraintProblemCode('gender', 'isIn')).toBe(RecordProblemCode.InvalidValue);
  });
});
