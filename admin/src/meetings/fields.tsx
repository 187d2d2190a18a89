import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { MEETING_STATUS_COLORS, monthLabel } from './choices';
import type { Meeting } from './types';

/** The status as a chip, and "Trễ hạn" beside it for a regular meeting scheduled after the deadline. */
export const MeetingStatusField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Meeting>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Chip
        size="small"
        color={MEETING_STATUS_COLORS[record.status] ?? 'default'}
        variant={record.status === 'draft' ? 'outlined' : 'filled'}
        label={translate(`resources.meetings.statuses.${record.status}`, { _: record.status })}
      />
      {record.late && <LateBadge />}
    </Stack>
  );
};

export const LateBadge = () => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color="warning"
      variant="outlined"
      label={translate('resources.meetings.late')}
      title={translate('resources.meetings.late_help')}
      data-testid="meeting-late"
    />
  );
};

export const MeetingKindField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<Meeting>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate(`resources.meetings.kinds.${record.kind}`, { _: record.kind })}</span>;
};

export const MonthField = ({ source = 'month' }: { label?: string; source?: string }) => {
  const record = useRecordContext();
  return <span>{monthLabel(record?.[source] as string | undefined)}</span>;
};
