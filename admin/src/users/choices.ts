import { ROLES, type Role } from '../types';

/** Choices whose names are translation keys (inputs translate them). */
export const roleChoices = (roles: readonly Role[] = ROLES) => roles.map((id) => ({ id, name: `app.roles.${id}` }));

export const ROLE_COLORS: Record<Role, 'error' | 'warning' | 'info' | 'secondary' | 'default'> = {
  admin: 'error',
  committee_admin: 'warning',
  secretary: 'info',
  editor: 'secondary',
  member: 'default',
};
