import type { Role } from '../common/roles.js';
import type { CommitteeKind } from '../committees/committee.entity.js';
import { MEMBER_HOLDING_KINDS } from '../committees/committees.rules.js';

/** Roles an account may be given through /api/users (`member` accounts come from their member record). */
export const STAFF_ACCOUNT_ROLES = ['admin', 'committee_admin', 'secretary', 'editor'] as const;
export type StaffAccountRole = (typeof STAFF_ACCOUNT_ROLES)[number];

/**
 * Which roles a caller may create and manage (update, deactivate, reset): never one with more
 * reach than their own. Together with the rule that the home committee lies in the caller's
 * subtree, nobody creates or promotes an account above themselves.
 */
export const MANAGEABLE_ROLES: Record<Role, readonly Role[]> = {
  admin: ['admin', 'committee_admin', 'secretary', 'editor', 'member'],
  committee_admin: ['committee_admin', 'secretary', 'editor', 'member'],
  secretary: ['member'],
  editor: [],
  member: [],
};

export const canManageRole = (caller: Role, target: Role): boolean => MANAGEABLE_ROLES[caller].includes(target);

/** A secretary (bí thư chi bộ) keeps a branch's list: their home is a branch or a grassroots chi bộ cơ sở. */
export const SECRETARY_HOME_KINDS: readonly CommitteeKind[] = MEMBER_HOLDING_KINDS;

/** The problem with a home committee for a role, or null. */
export function homeCommitteeProblem(role: Role, home: { kind: CommitteeKind; archivedAt: Date | null }): string | null {
  if (home.archivedAt) return 'the committee has been merged or dissolved';
  if (role === 'secretary' && !SECRETARY_HOME_KINDS.includes(home.kind)) {
    return "a secretary's home committee is a branch (chi bộ) or a grassroots organisation";
  }
  return null;
}
