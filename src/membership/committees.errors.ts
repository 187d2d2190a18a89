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
  outsideScopeRoot: () =>
    ApiError.forbidden('Your home committee is the root of your scope; only someone above it can move or delete it'),
};
