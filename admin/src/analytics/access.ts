/**
 * Which analytics reports a role may read: the API's @Roles on
 * src/analytics/analytics.controller.ts (it answers 403 to anyone else), so
 * that the dashboard does not ask for what would be refused.
 */
const is = (role: unknown, ...roles: string[]) => typeof role === 'string' && roles.includes(role);

export const analyticsAccess = (role: unknown) => ({
  /** install-rates, install-rates/timeline and rollout */
  installs: is(role, 'admin', 'committee_admin', 'secretary'),
  rollout: is(role, 'admin', 'committee_admin', 'secretary'),
  /** meetings (branch meetings per sub-committee, and the branches that did not meet) */
  meetings: is(role, 'admin', 'committee_admin'),
  /** visits and top-content */
  usage: is(role, 'admin', 'committee_admin', 'editor'),
});

export const hasAnalytics = (role: unknown) => {
  const access = analyticsAccess(role);
  return access.installs || access.usage;
};
