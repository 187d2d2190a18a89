import { ACTIVITY_HOLDS, END_STATES, GENDERS, MEMBER_REGISTERS, MEMBER_STATUSES, NOT_INSTALLED_REASONS, type MemberStatus } from '../types';

/** Choices whose names are translation keys (inputs translate them). */
const choices = <T extends string>(ids: readonly T[], group: string) => ids.map((id) => ({ id, name: `resources.members.${group}.${id}` }));

export const statusChoices = choices(MEMBER_STATUSES, 'statuses');
export const genderChoices = choices(GENDERS, 'genders');
export const notInstalledReasonChoices = choices(NOT_INSTALLED_REASONS, 'not_installed_reasons');
export const endStateChoices = choices(END_STATES, 'end_states');
export const activityHoldChoices = choices(ACTIVITY_HOLDS, 'activity_holds');
export const registerChoices = choices(MEMBER_REGISTERS, 'registers');
/** A transfer asked for by hand (restructuring ones come from merges). */
export const transferKindChoices = choices(['official', 'temporary'] as const, 'transfer_kinds');

export const STATUS_COLORS: Record<MemberStatus, 'success' | 'warning'> = {
  official: 'success',
  probationary: 'warning',
};
