import { localDate } from '../common/dates.js';
import { MEMBER_HOLDING_KINDS } from '../committees/committees.rules.js';
import type { Member } from './member.entity.js';
import { problem, RecordProblemCode, type RecordProblem } from './record-problems.js';

/** The committee kinds that hold members (committees.rules.ts states it for the tree). */
export const MEMBER_COMMITTEE_KINDS: readonly string[] = MEMBER_HOLDING_KINDS;

const addYears = (date: string, years: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

type MemberState = Pick<
  Member,
  | 'birthDate'
  | 'status'
  | 'admittedAt'
  | 'officialAt'
  | 'partyCardNumber'
  | 'exempted'
  | 'exemptedAt'
  | 'activityHold'
  | 'activityHoldSince'
  | 'activityHoldNote'
  | 'endState'
  | 'endedAt'
  | 'installedAt'
  | 'notInstalledReason'
>;

/**
 * The rules of the register (Party Statute as summarised in DOMAIN.md), checked on the record as it
 * would be after a create, an update or an import row. Returns per-field problems (code and
 * message); empty when valid. Every rule whose fields are readable is checked, so a file row lists
 * all its problems at once: a date that is not a real one (31/02) only keeps out the rules that
 * compare it.
 */
export function memberStateProblems(s: MemberState, today = localDate()): Record<string, RecordProblem> {
  const e: Record<string, RecordProblem> = {};
  for (const f of ['birthDate', 'admittedAt', 'officialAt', 'exemptedAt', 'activityHoldSince', 'endedAt'] as const) {
    const v = s[f];
    if (v && !isRealDate(v)) e[f] = problem(RecordProblemCode.DateNotReal, `${f} is not a real date`, { value: v });
    else if (v && v > today) e[f] = problem(RecordProblemCode.DateInFuture, `${f} cannot be in the future`);
  }
  /** A date the comparisons can use: present and without a problem of its own. */
  const usable = (f: 'birthDate' | 'admittedAt' | 'officialAt') => !!s[f] && !e[f];
  if (usable('admittedAt') && usable('birthDate')) {
    if (s.admittedAt < addYears(s.birthDate, 18)) {
      e.admittedAt = problem(RecordProblemCode.AdmittedUnder18, 'members are admitted from 18 years of age');
    } else if (s.admittedAt > addYears(s.birthDate, 61)) {
      e.admittedAt = problem(RecordProblemCode.AdmittedOver60, 'members are admitted up to 60 years of age');
    }
  }
  if (s.status === 'official') {
    if (!s.officialAt) {
      e.officialAt = problem(RecordProblemCode.OfficialDateMissing, 'a full (official) member has the date they were made official');
    } else if (usable('officialAt') && usable('admittedAt') && s.officialAt < s.admittedAt) {
      e.officialAt = problem(RecordProblemCode.OfficialBeforeAdmitted, 'officialAt cannot be before admittedAt');
    }
  } else if (s.status === 'probationary') {
    if (s.officialAt) e.officialAt = problem(RecordProblemCode.ProbationaryWithOfficialDate, 'a probationary member has no officialAt yet');
    if (s.partyCardNumber) {
      e.partyCardNumber = problem(RecordProblemCode.PartyCardProbationary, 'the party card is issued to full members only');
    }
  }
  if (s.exempted && !s.exemptedAt) e.exemptedAt = problem(RecordProblemCode.ExemptionDateMissing, 'an exemption has a date');
  if (!s.exempted && s.exemptedAt) {
    e.exemptedAt = problem(RecordProblemCode.ExemptionDateWithoutExemption, 'only an exempted member has an exemption date');
  }
  if (s.activityHold && !s.activityHoldSince) {
    e.activityHoldSince = problem(RecordProblemCode.HoldDateMissing, 'an activity hold has the date it applies from');
  }
  if (!s.activityHold && s.activityHoldSince) {
    e.activityHoldSince = problem(RecordProblemCode.HoldDateWithoutHold, 'only a member on an activity hold has a hold date');
  }
  if (!s.activityHold && s.activityHoldNote) {
    e.activityHoldNote = problem(RecordProblemCode.HoldNoteWithoutHold, 'only a member on an activity hold has a hold note');
  }
  if (s.endState && !s.endedAt) e.endedAt = problem(RecordProblemCode.EndDateMissing, 'leaving the register has a date');
  if (s.installedAt && s.notInstalledReason) {
    e.notInstalledReason = problem(RecordProblemCode.InstalledWithReason, 'the member has installed the app');
  }
  return e;
}
