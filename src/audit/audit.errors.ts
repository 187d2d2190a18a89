import { invalidListQuery } from '../common/admin-list.js';

/**
 * The audit module answers no code of its own: a bad filter of the log is the generic 400
 * INVALID_LIST_QUERY (common/admin-list.ts). These factories name the messages, once.
 */
/** Empty: the audit log answers only the generic codes of common/errors.ts. */
export enum AuditErrorCode {}

export const AuditErrors = {
  notIsoDate: (name: string) => invalidListQuery('filter', `${name} must be an ISO date`),
  badAction: () => invalidListQuery('filter', 'action must be an action name or prefix'),
  badEntityType: () => invalidListQuery('filter', 'entityType must be a type name'),
  badEntityId: () => invalidListQuery('filter', 'bad entityId'),
  badActorId: () => invalidListQuery('filter', 'bad actorId'),
};
