import { useNumberFormats } from '../common/numbers';
import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Survey } from '../types';
import { SURVEY_STATUS_COLORS } from './choices';

interface FieldProps {
  source?: string;
  label?: string;
  sortable?: boolean;
}

export const SurveyStatusField = (_props: FieldProps) => {
  const record = useRecordContext<Survey>();
  const translate = useTranslate();
  if (!record?.status) return null;
  return (
    <Chip
      size="small"
      color={SURVEY_STATUS_COLORS[record.status] ?? 'default'}
      label={translate(`resources.surveys.statuses.${record.status}`, {
        _: record.status,
      })}
    />
  );
};

export const SurveyKindField = (_props: FieldProps) => {
  const record = useRecordContext<Survey>();
  const translate = useTranslate();
  if (!record?.kind) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={record.kind === 'quiz' ? 'secondary' : 'primary'}
      label={translate(`resources.surveys.kinds.${record.kind}`)}
    />
  );
};

/**
 * The respondents of a survey; an anonymous survey with fewer answers counted than the anonymity
 * threshold (SURVEY_ANONYMITY_K) gets no count from the API, and says so.
 */
export const SurveyRespondentsField = (_props: FieldProps) => {
  const numbers = useNumberFormats();
  const record = useRecordContext<Survey>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.respondents == null) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        {translate('resources.surveys.respondents_suppressed')}
      </Typography>
    );
  }
  return (
    <Typography component="span" variant="body2">
      {numbers.number(record.respondents)}
    </Typography>
  );
};
