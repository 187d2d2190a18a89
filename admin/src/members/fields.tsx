import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import NotificationsOffIcon from '@mui/icons-material/NotificationsOffOutlined';
import { Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useFormatDate } from '../common/LocaleDateField';
import type { Member } from '../types';
import { STATUS_COLORS } from './choices';

interface FieldProps {
  source?: string;
  label?: string;
  sortable?: boolean;
}

/**
 * The member's status as a chip (Chính thức / Dự bị); a member who left the
 * register shows how and when instead.
 */
export const MemberStatusField = (_props: FieldProps) => {
  const record = useRecordContext<Member>();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  if (!record?.status) return null;
  if (record.endState) {
    return (
      <Chip
        size="small"
        variant="outlined"
        sx={{ alignSelf: 'flex-start' }}
        label={translate('resources.members.left_chip', {
          state: translate(`resources.members.end_states.${record.endState}`, { _: record.endState }),
          date: formatDate(record.endedAt, { dateOnly: true }),
        })}
      />
    );
  }
  return (
    <Chip
      size="small"
      color={STATUS_COLORS[record.status] ?? 'default'}
      sx={{ alignSelf: 'flex-start' }}
      label={translate(`resources.members.statuses.${record.status}`, {
        _: record.status,
      })}
    />
  );
};

/**
 * When the member installed the app, or why not yet (`withReason={false}`:
 * "not installed" only, where the reason has a field of its own).
 */
export const InstalledField = ({ withReason = true }: FieldProps & { withReason?: boolean }) => {
  const record = useRecordContext<Member>();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  if (!record) return null;
  if (record.installedAt) {
    return (
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
        <CheckCircleOutlineIcon fontSize="small" color="success" />
        <Typography variant="body2">{formatDate(record.installedAt)}</Typography>
      </Stack>
    );
  }
  return (
    <Typography variant="body2" color="text.secondary">
      {withReason && record.notInstalledReason
        ? translate(`resources.members.not_installed_reasons.${record.notInstalledReason}`, { _: record.notInstalledReason })
        : translate('resources.members.not_installed')}
    </Typography>
  );
};

/** Whether the member's phone receives push notifications ("Nhận thông báo"), in words with an icon. */
export const PushEnabledField = (_props: FieldProps) => {
  const record = useRecordContext<Member>();
  const translate = useTranslate();
  if (!record) return null;
  const on = record.pushEnabled;
  return (
    <Tooltip title={translate(on ? 'resources.members.push.on_help' : 'resources.members.push.off_help')}>
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid="member-push" data-push={on ? 'on' : 'off'}>
        {on ? <NotificationsActiveIcon fontSize="small" color="success" /> : <NotificationsOffIcon fontSize="small" color="disabled" />}
        <Typography variant="body2" color={on ? 'text.primary' : 'text.secondary'} sx={{ whiteSpace: 'nowrap' }}>
          {translate(on ? 'resources.members.push.on' : 'resources.members.push.off')}
        </Typography>
      </Stack>
    </Tooltip>
  );
};

export { YesNoField } from '../common/YesNoField';
