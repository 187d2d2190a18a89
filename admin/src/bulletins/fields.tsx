import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatVietnamDateTime } from '../common/vietnamTime';

export const BULLETIN_STATUSES = ['scheduled', 'published'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

export const bulletinStatusChoices = BULLETIN_STATUSES.map((id) => ({ id, name: `resources.bulletins.statuses.${id}` }));

/** Đã lên lịch (scheduled, not sent yet) / Đã gửi (published), as a chip. */
export const BulletinStatusChip = ({ status }: { status: BulletinStatus | undefined }) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      data-testid="bulletin-status"
      variant={status === 'published' ? 'filled' : 'outlined'}
      color={status === 'published' ? 'success' : 'warning'}
      label={translate(`resources.bulletins.statuses.${status}`, { _: status })}
    />
  );
};

export const BulletinStatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<{ status?: BulletinStatus }>();
  return <BulletinStatusChip status={record?.status} />;
};

/** An instant as dd/MM/yyyy HH:mm in Vietnam time, whatever the browser's language. */
export const VietnamDateTimeField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext();
  const value = record?.[source] as string | undefined;
  if (!value) return null;
  return (
    <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
      {formatVietnamDateTime(value)}
    </Typography>
  );
};
