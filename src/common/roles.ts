export const ROLES = ['admin', 'committee_admin', 'secretary', 'editor', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Every role but `member` works in the dashboard on a committee subtree. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'committee_admin', 'secretary', 'editor'];
