import type { CommitteeKind } from './committee.entity.js';

/** Which kinds may stand directly under which (the Party organisation tree). */
export const CHILD_KINDS: Record<CommitteeKind, readonly CommitteeKind[]> = {
  central: ['province'],
  province: ['subordinate', 'grassroots'],
  subordinate: ['grassroots'],
  grassroots: ['branch'],
  branch: [],
};

/** The kinds a root committee may be. */
export const ROOT_KINDS: readonly CommitteeKind[] = ['central', 'province'];

/** Kinds that keep a members' list (a branch, or a grassroots chi bộ cơ sở). */
export const MEMBER_HOLDING_KINDS: readonly CommitteeKind[] = ['branch', 'grassroots'];

/** Whether a committee of this kind keeps a members' list (members, member accounts and secretaries belong there). */
export const holdsMembers = (kind: CommitteeKind): boolean => MEMBER_HOLDING_KINDS.includes(kind);

/** Whether a committee of `kind` may stand under one of `parentKind` (`null`: as a root). */
export const kindAllowedUnder = (kind: CommitteeKind, parentKind: CommitteeKind | null): boolean =>
  parentKind === null ? ROOT_KINDS.includes(kind) : CHILD_KINDS[parentKind].includes(kind);
