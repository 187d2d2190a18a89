import { CORRECTION_STATUSES, type CorrectionStatus } from '../types';

export const correctionStatusChoices = CORRECTION_STATUSES.map((id) => ({
  id,
  name: `resources.corrections.statuses.${id}`,
}));

export const CORRECTION_STATUS_COLORS: Record<CorrectionStatus, 'warning' | 'success' | 'default'> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'default',
};
