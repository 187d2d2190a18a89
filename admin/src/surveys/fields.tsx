import { Chip } from '@mui/material';
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
