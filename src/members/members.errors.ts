import { localDate } from '../common/dates.js';
import { ApiError } from '../common/errors.js';
import type { Member } from './member.entity.js';

export const MemberErrors = {
  notFound: () => ApiError.notFound('Member'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  notABranch: () =>
    ApiError.validation({ committeeId: 'members belong to a branch (chi bộ) or a grassroots chi bộ cơ sở, not to a higher committee' }),
  committeeArchived: () =>
    ApiError.conflict('COMMITTEE_ARCHIVED', 'The branch has been merged or dissolved; use the committee it became'),
  partyCardTaken: () => ApiError.conflict('PARTY_CARD_TAKEN', 'Another member already has this party card number'),
  externalIdTaken: () => ApiError.conflict('EXTERNAL_ID_TAKEN', 'Another member already has this external id'),
  identityConflictNotFound: () => ApiError.notFound('Identity conflict'),
  identityConflictDecided: () =>
    ApiError.conflict('IDENTITY_CONFLICT_DECIDED', 'This duplicate identity number has already been resolved or withdrawn'),
  duplicateHasAccount: () =>
    ApiError.conflict(
      'IDENTITY_DUPLICATE_HAS_ACCOUNT',
      'The duplicate record has an app account; end that account first, or keep both records and clear the wrong number',
    ),
  sameBranch: () => ApiError.validation({ committeeId: 'the member already belongs to this branch' }),
  hasLeft: () => ApiError.conflict('MEMBER_HAS_LEFT', 'The member has left the register; bring them back first (endState: null)'),
};

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
  for (const f of ['birthDate', 'admittedAt', 'officialAt', 'exemptedAt', 'endedAt'] as const) {
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
  if (s.endState && !s.endedAt) e.endedAt = 'leaving the register has a date';
  if (s.installedAt && s.notInstalledReason) e.notInstalledReason = 'the member has installed the app';
  return e;
}
