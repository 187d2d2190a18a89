import { ApiError } from '../common/errors.js';
import type { CommitteeKind } from './committee.entity.js';

/** Which kinds may stand directly under which (the Party organisation tree). */
export const CHILD_KINDS: Record<CommitteeKind, readonly CommitteeKind[]> = {
  central: ['province'],
  province: ['subordinate', 'grassroots'],
  subordinate: ['grassroots'],
  grassroots: ['branch'],
  branch: [],
};
export const ROOT_KINDS: readonly CommitteeKind[] = ['central', 'province'];
/** Kinds that keep a members' list (a branch, or a grassroots chi bộ cơ sở). */
export const MEMBER_HOLDING_KINDS: readonly CommitteeKind[] = ['branch', 'grassroots'];

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
  childrenForbidKind: (kind: CommitteeKind) =>
    ApiError.validation({ kind: `its children cannot stand under a ${kind} committee` }),
  moveIntoOwnSubtree: () =>
    ApiError.conflict('MOVE_INTO_OWN_SUBTREE', 'A committee cannot be moved under itself or one of its descendants'),
  codeTaken: () => ApiError.conflict('CODE_TAKEN', 'Another committee already has this code'),
  notEmpty: (children: number, members: number, accounts: number) =>
    ApiError.conflict(
      'COMMITTEE_NOT_EMPTY',
      `The committee still has ${children} sub-committee(s), ${members} member record(s) and ${accounts} account(s); move or remove them first`,
    ),
  archived: () =>
    ApiError.conflict(
      'COMMITTEE_ARCHIVED',
      'The committee has been merged or dissolved: it keeps its history but takes no changes, members or sub-committees',
    ),
  parentArchived: () =>
    ApiError.conflict('COMMITTEE_ARCHIVED', 'The parent committee has been merged or dissolved and takes no sub-committees'),
  mergeTargetNotFound: () => ApiError.notFound('Target committee'),
  mergeTargetArchived: () =>
    ApiError.conflict('COMMITTEE_ARCHIVED', 'The target committee has been merged or dissolved; merge into the committee it became'),
  mergeIntoOwnSubtree: () =>
    ApiError.conflict('MERGE_INTO_OWN_SUBTREE', 'A committee cannot be merged into itself or one of its descendants'),
  mergeTargetKind: (message: string) => ApiError.validation({ targetId: message }),
  mergeWidensScope: (staff: number) =>
    ApiError.conflict(
      'MERGE_WIDENS_SCOPE',
      `The target is above the merged committee: its ${staff} staff account(s) would see the target's whole subtree; give them another home or deactivate them first`,
    ),
  outsideScopeRoot: () =>
    ApiError.forbidden('Your home committee is the root of your scope; only someone above it can move or delete it'),
};
