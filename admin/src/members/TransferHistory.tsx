import { Alert, Chip, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, useCreatePath, useDataProvider, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { useFormatDate } from '../common/LocaleDateField';
import type { AppDataProvider } from '../dataProvider';
import { can } from '../permissions';
import type { Member, MemberTransfer } from '../types';

/** Query key of a member's transfers; react-admin's refresh invalidates it. */
export const transfersQueryKey = (memberId: string) => ['members', 'getMemberTransfers', memberId];

const useHasCommitteePages = () => {
  const { permissions } = usePermissions();
  return can.manageCommittees(permissions);
};

const CommitteeLink = ({ id, name }: { id: number; name: string | null }) => {
  const createPath = useCreatePath();
  return <Link to={createPath({ resource: 'committees', id, type: 'show' })}>{name ?? `#${id}`}</Link>;
};

/** Where the member stood: GET /members/{id}/transfers, newest first. */
export const TransferHistory = (_props: { label?: string }) => {
  const record = useRecordContext<Member>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { data, isPending, error } = useQuery<MemberTransfer[]>({
    queryKey: transfersQueryKey(String(record?.id)),
    queryFn: () => dataProvider.getMemberTransfers(String(record!.id)),
    enabled: record?.id != null,
  });

  if (!record) return null;
  if (isPending) return <Skeleton variant="rectangular" height={64} />;
  if (error) {
    return <Alert severity="error">{translate(error.message || 'ra.notification.http_error')}</Alert>;
  }
  if (!data?.length) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.members.transfer.none')}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={translate('resources.members.sections.transfers')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.members.transfer.date')}</TableCell>
          <TableCell>{translate('resources.members.transfer.from')}</TableCell>
          <TableCell>{translate('resources.members.transfer.to')}</TableCell>
          <TableCell>{translate('resources.members.transfer.kind')}</TableCell>
          <TableCell>{translate('resources.members.transfer.reason')}</TableCell>
          <TableCell>{translate('resources.members.transfer.recorded_at')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((transfer) => (
          <TableRow key={transfer.id}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(transfer.transferredOn, { dateOnly: true })}</TableCell>
            <TableCell>
              <TransferCommittee id={transfer.fromCommitteeId} name={transfer.fromCommitteeName} />
            </TableCell>
            <TableCell>
              <TransferCommittee id={transfer.toCommitteeId} name={transfer.toCommitteeName} />
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                variant="outlined"
                color={transfer.kind === 'temporary' ? 'info' : 'default'}
                label={translate(`resources.members.transfer_kinds.${transfer.kind}`, { _: transfer.kind })}
              />
            </TableCell>
            <TableCell>{transfer.reason ?? '—'}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(transfer.createdAt, { showTime: true })}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/**
 * A link for the roles that have committee pages, the plain name otherwise
 * (a secretary has no committee pages).
 */
const TransferCommittee = ({ id, name }: { id: number; name: string | null }) => {
  const linkable = useHasCommitteePages();
  return linkable ? <CommitteeLink id={id} name={name} /> : <span>{name ?? `#${id}`}</span>;
};
