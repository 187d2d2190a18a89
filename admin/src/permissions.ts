import type { Role } from './types';

/**
 * What each dashboard role works on. `authProvider.getPermissions()` returns
 * the role; App.tsx registers the resources from these answers and the menu
 * follows. The API enforces the same rules (and the committee scope): this
 * only keeps the UI from offering what would be refused.
 */
const is = (role: unknown, ...roles: Role[]) => typeof role === 'string' && (roles as string[]).includes(role);

export const can = {
  /** Committees: list, create, edit, merge. */
  manageCommittees: (role: unknown) => is(role, 'admin', 'committee_admin'),
  /** Member records: list, show, edit, create, transfer, import, export. */
  manageMembers: (role: unknown) => is(role, 'admin', 'committee_admin', 'secretary'),
  /** Mobile-app accounts of members: one by one, or in bulk. */
  issueMemberAccounts: (role: unknown) => is(role, 'admin', 'committee_admin', 'secretary'),
  /** Staff accounts (/api/users). */
  manageUsers: (role: unknown) => is(role, 'admin', 'committee_admin'),
  /** Correction requests of members. */
  decideCorrections: (role: unknown) => is(role, 'admin', 'committee_admin', 'secretary'),
  /** Duplicate identity numbers awaiting verification by a committee in scope. */
  resolveIdentityConflicts: (role: unknown) => is(role, 'admin', 'committee_admin'),
  /** The audit log (the caller's subtree). */
  readAuditLog: (role: unknown) => is(role, 'admin', 'committee_admin'),
  /** Documents, news, FAQ (entries and unanswered questions), surveys. */
  editContent: (role: unknown) => is(role, 'admin', 'committee_admin', 'editor'),
  /** Rollout phases of committees (the rollout page, "Chuyển giai đoạn"). */
  manageRollout: (role: unknown) => is(role, 'admin', 'committee_admin'),
  /** Branch meetings (sinh hoạt chi bộ): plan, schedule, run, minutes. Editors do not run meetings. */
  runMeetings: (role: unknown) => is(role, 'admin', 'committee_admin', 'secretary'),
  /** The month's guidance for branch meetings: write and publish it for the subtree. */
  publishGuidance: (role: unknown) => is(role, 'admin', 'committee_admin'),
  /** The meeting report of sub-committees (home page card, branches that did not meet). */
  readMeetingReport: (role: unknown) => is(role, 'admin', 'committee_admin'),
  /** Bulletins (thông báo) to every member of a committee subtree in scope, and their delivery reports. */
  sendBulletins: (role: unknown) => is(role, 'admin', 'committee_admin', 'secretary', 'editor'),
  /** Training sessions (hội nghị tập huấn) held by committees. */
  manageTrainings: (role: unknown) => is(role, 'admin', 'committee_admin'),
};

/**
 * The staff roles a caller may give an account (the API answers 403
 * ROLE_NOT_GRANTABLE for any other): never one with more reach than their own.
 */
export const grantableRoles = (role: unknown): Role[] => {
  if (role === 'admin') return ['admin', 'committee_admin', 'secretary', 'editor'];
  if (role === 'committee_admin') return ['committee_admin', 'secretary', 'editor'];
  return [];
};
