import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatVietnamShortDateTime } from '../common/vietnamTime';
import type { UserAccount } from '../types';
import { ROLE_COLORS } from './choices';
import { YesNo } from '../common/YesNoField';

interface FieldProps {
  source?: string;
  label?: string;
  sortable?: boolean;
}

/** The role as a chip; a deactivated account says so. */
export const RoleField = (_props: FieldProps) => {
  const record = useRecordContext<UserAccount>();
  const translate = useTranslate();
  if (!record?.role) return null;
  return (
    <Chip
      size="small"
      sx={{ alignSelf: 'flex-start' }}
      variant={record.isActive ? 'filled' : 'outlined'}
      color={ROLE_COLORS[record.role] ?? 'default'}
      label={translate(`app.roles.${record.role}`, { _: record.role })}
    />
  );
};

/** Whether the account is locked after repeated wrong passwords right now. */
export const isLocked = (record: Pick<UserAccount, 'lockedUntil'>) =>
  record.lockedUntil != null && new Date(record.lockedUntil).getTime() > Date.now();

/** "Tạm khóa đến 09:30 26/11": shown while a lock after wrong passwords holds. */
export const LockedField = (_props: FieldProps) => {
  const record = useRecordContext<UserAccount>();
  const translate = useTranslate();
  if (!record) return null;
  if (!isLocked(record)) return <YesNo value={false} />;
  const until = formatVietnamShortDateTime(record.lockedUntil);
  return (
    <Chip size="small" color="warning" sx={{ alignSelf: 'flex-start' }} label={translate('resources.users.locked_until', { until })} />
  );
};

/** The home committee, or "the whole tree" for a root admin. */
export const HomeCommitteeField = (_props: FieldProps) => {
  const record = useRecordContext<UserAccount>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <span>{record.committeeId == null ? translate('resources.users.whole_tree') : (record.committeeName ?? `#${record.committeeId}`)}</span>
  );
};
