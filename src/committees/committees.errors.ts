import { ApiError } from '../common/errors.js';
import type { CommitteeKind } from './committee.entity.js';
import { CHILD_KINDS, ROOT_KINDS } from './committees.rules.js';

/**
 * The codes the committees module answers besides the generic ones of common/errors.ts
 * (NOT_FOUND, VALIDATION_FAILED, FORBIDDEN, INVALID_LIST_QUERY).
 */
export enum CommitteeErrorCode {
  MoveIntoOwnSubtree = 'MOVE_INTO_OWN_SUBTREE',
  CodeTaken = 'CODE_TAKEN',
  NotEmpty = 'COMMITTEE_NOT_EMPTY',
  Archived = 'COMMITTEE_ARCHIVED',
  MergeIntoOwnSubtree = 'MERGE_INTO_OWN_SUBTREE',
  MergeWidensScope = 'MERGE_WIDENS_SCOPE',
}

export const CommitteeErrors = {
  notFound: () => ApiError.notFound('Committee'),
  parentNotFound: () => ApiError.validation({ parentId: 'parent committee not found' }),
  rootNotAllowed: () => ApiError.validation({ parentId: 'only an admin of the whole tree creates a root committee' }),
  kindNotAllowed: (kind: CommitteeKind, parent: CommitteeKind | null) =>
    ApiError.validation({
      kind: parent
        ? `a ${kind} committee cannot stand under a ${parent} committee (allowed: ${CHILD_KINDS[parent].join(', ') || 'none'})`
        : `a root committee must be one of: ${ROOT_KINDS.join(', ')}`,
    }),
  childrenForbidKind: (kind: CommitteeKind) => ApiError.validation({ kind: `its children cannot stand under a ${kind} committee` }),
  moveIntoOwnSubtree: () =>
    ApiError.conflict(CommitteeErrorCode.MoveIntoOwnSubtree, 'A committee cannot be moved under itself or one of its descendants'),
  codeTaken: () => ApiError.conflict(CommitteeErrorCode.CodeTaken, 'Another committee already has this code'),
  notEmpty: (children: number, members: number, accounts: number, others: Record<string, number> = {}) =>
    ApiError.conflict(
      CommitteeErrorCode.NotEmpty,
      `The committee still has ${children} sub-committee(s), ${members} member record(s) and ${accounts} account(s)` +
        Object.entries(others)
          .filter(([, n]) => n > 0)
          .map(([name, n]) => `, ${n} ${name} record(s)`)
          .join('') +
        '; move or remove them first',
    ),
  archived: () =>
    ApiError.conflict(
      CommitteeErrorCode.Archived,
      'The committee has been merged or dissolved: it keeps its history but takes no changes, members or sub-committees',
    ),
  parentArchived: () =>
    ApiError.conflict(CommitteeErrorCode.Archived, 'The parent committee has been merged or dissolved and takes no sub-committees'),
  mergeTargetNotFound: () => ApiError.notFound('Target committee'),
  mergeTargetArchived: () =>
    ApiError.conflict(CommitteeErrorCode.Archived, 'The target committee has been merged or dissolved; merge into the committee it became'),
  mergeIntoOwnSubtree: () =>
    ApiError.conflict(CommitteeErrorCode.MergeIntoOwnSubtree, 'A committee cannot be merged into itself or one of its descendants'),
  mergeTargetKind: (message: string) => ApiError.validation({ targetId: message }),
  mergeWidensScope: (staff: number) =>
    ApiError.conflict(
      CommitteeErrorCode.MergeWidensScope,
      `The target is above the merged committee: its ${staff} staff account(s) would see the target's whole subtree; give them another home or deactivate them first`,
    ),
  outsideScopeRoot: () => ApiError.forbidden('Your home committee is the root of your scope; only someone above it can move or delete it'),
};
