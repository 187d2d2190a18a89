import type { Member } from '../members/member.entity.js';
import { memberStateProblems } from '../members/members.rules.js';
import { CORRECTABLE_FIELDS, type CorrectableField, type CorrectionChanges } from './correction-request.entity.js';
import type { CorrectionChangesDto } from './dto/correction.dto.js';

/** A member may have this many registered (active) devices at once. */
export const MAX_ACTIVE_DEVICES = 10;

/** A member may have this many correction requests waiting for a decision at once. */
export const MAX_PENDING_CORRECTIONS = 5;

/** Fields a record cannot be without: a correction may change them, never clear them. */
export const REQUIRED_FIELDS: readonly CorrectableField[] = ['fullName', 'gender', 'birthDate', 'admittedAt'];

/**
 * Problems that applying `changes` to `member` would introduce, keyed `changes.<field>` as in the
 * request body. Problems the record already had (and the changes do not touch) are not the
 * requester's doing and do not block the request.
 */
export function correctionProblems(member: Member, changes: CorrectionChanges, today?: string): Record<string, string> {
  const before = memberStateProblems(member, today);
  const after = memberStateProblems({ ...member, ...changes }, today);
  const out: Record<string, string> = {};
  for (const [field, { message }] of Object.entries(after)) {
    if (before[field]?.message !== message || field in changes) out[`changes.${field}`] = message;
  }
  return out;
}

/** The asked values, normalised as the members API stores them; undefined fields dropped. */
export function normaliseChanges(dto: CorrectionChangesDto): { changes: CorrectionChanges; errors: Record<string, string> } {
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of CORRECTABLE_FIELDS) {
    let value = (dto as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (value === null && REQUIRED_FIELDS.includes(field)) {
      errors[`changes.${field}`] = `${field} cannot be removed from the record`;
      continue;
    }
    if (field === 'fullName' && typeof value === 'string') value = value.trim();
    if (field === 'email' && typeof value === 'string') value = value.toLowerCase();
    if (field === 'fullName' && value === '') errors['changes.fullName'] = 'fullName should not be empty';
    changes[field] = value;
  }
  return { changes: changes as CorrectionChanges, errors };
}
