import { COMMITTEE_KINDS, COMMITTEE_PHASES, type Committee, type CommitteeKind, type CommitteePhase } from '../types';

/** Choices whose names are translation keys (inputs translate them). */
export const kindChoices = COMMITTEE_KINDS.map((id) => ({
  id,
  name: `resources.committees.kinds.${id}`,
}));

export const phaseChoices = COMMITTEE_PHASES.map((id) => ({
  id,
  name: `resources.committees.phases.${id}`,
}));

export const PHASE_COLORS: Record<CommitteePhase, 'default' | 'info' | 'warning' | 'success' | 'error'> = {
  not_started: 'default',
  trial: 'info',
  pilot: 'warning',
  live: 'success',
  on_hold: 'error',
};

/** The usual kind of a direct subordinate, to pre-fill "add a subordinate". */
export const CHILD_KIND: Record<CommitteeKind, CommitteeKind> = {
  central: 'province',
  province: 'subordinate',
  subordinate: 'grassroots',
  grassroots: 'branch',
  branch: 'branch',
};

/** How a committee appears in autocomplete inputs. */
export const committeeOptionText = (record?: Partial<Committee>) => (record ? `${record.name ?? ''} (${record.code ?? record.id})` : '');

/** Ids of the ancestors of a committee, from its path ("1.5.23"), root first. */
export const ancestorIds = (record?: Pick<Committee, 'id' | 'path'>) =>
  (record?.path ?? '')
    .split('.')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0 && id !== record?.id);
