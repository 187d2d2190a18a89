import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Correction } from '../types';
import { CORRECTION_STATUS_COLORS } from './choices';

interface FieldProps {
  source?: string;
  label?: string;
  sortable?: boolean;
}

export const CorrectionStatusField = (_props: FieldProps) => {
  const record = useRecordContext<Correction>();
  const translate = useTranslate();
  if (!record?.status) return null;
  return (
    <Chip
      size="small"
      sx={{ alignSelf: 'flex-start' }}
      color={CORRECTION_STATUS_COLORS[record.status] ?? 'default'}
      label={translate(`resources.corrections.statuses.${record.status}`, {
        _: record.status,
      })}
    />
  );
};

/** The fields the member asks to correct, by their register labels. */
export const CorrectionFieldsField = (_props: FieldProps) => {
  const record = useRecordContext<Correction>();
  const translate = useTranslate();
  if (!record?.fields) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.fields.map((field) => (
        <Chip key={field} size="small" variant="outlined" label={translate(`resources.members.fields.${field}`, { _: field })} />
      ))}
    </Stack>
  );
};
