import { localDate } from '../common/dates.js';
import { MEMBER_HOLDING_KINDS } from '../committees/committees.rules.js';
import type { Member } from './member.entity.js';

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
 * would be after a create, an update or an import row. Returns per-field messages; empty when valid.
 */
export function memberStateProblems(s: MemberState, today = localDate()): Record<string, string> {
  const e: Record<string, string> = {};
  for (const f of ['birthDate', 'admittedAt', 'officialAt', 'exemptedAt', 'activityHoldSince', 'endedAt'] as const) {
    const v = s[f];
    if (v && !isRealDate(v)) e[f] = `${f} is not a real date`;
    else if (v && v > today) e[f] = `${f} cannot be in the future`;
  }
  if (Object.keys(e).length) return e;
  if (s.admittedAt < addYears(s.birthDate, 18)) e.admittedAt = 'members are admitted from 18 years of age';
  else if (s.admittedAt > addYears(s.birthDate, 61)) e.admittedAt = 'members are admitted up to 60 years of age';
  if (s.status === 'official') {
    if (!s.officialAt) e.officialAt = 'a full (official) member has the date they were made official';
    else if (s.officialAt < s.admittedAt) e.officialAt = 'officialAt cannot be before admittedAt';
  } else {
    if (s.officialAt) e.officialAt = 'a probationary member has no officialAt yet';
    if (s.partyCardNumber) e.partyCardNumber = 'the party card is issued to full members only';
  }
  if (s.exempted && !s.exemptedAt) e.exemptedAt = 'an exemption has a date';
  if (!s.exempted && s.exemptedAt) e.exemptedAt = 'only an exempted member has an exemption date';
  if (s.activityHold && !s.activityHoldSince) e.activityHoldSince = 'an activity hold has the date it applies from';
  if (!s.activityHold && s.activityHoldSince) e.activityHoldSince = 'only a member on an activity hold has a hold date';
  if (!s.activityHold && s.activityHoldNote) e.activityHoldNote = 'only a member on an activity hold has a hold note';
  if (s.endState && !s.endedAt) e.endedAt = 'leaving the register has a date';
  if (s.installedAt && s.notInstalledReason) e.notInstalledReason = 'the member has installed the app';
  return e;
}
