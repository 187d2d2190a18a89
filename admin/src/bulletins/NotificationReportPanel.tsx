import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import {
  Alert,
  Box,
  Card,
  CardActionArea,
  CardContent,
  Grid,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link, useLocation, useSearchParams } from 'react-router';
import { CommitteeBreadcrumb } from '../analytics/CommitteeBreadcrumb';
import { useFormat, type Format } from '../analytics/format';
import { ReportCard } from '../analytics/ReportCard';
import { getNotificationReport, type NotificationReport, type NotificationReportRow } from './reportApi';

const statusOf = (error: unknown) => (error as { status?: number } | null)?.status;

/** The report of a notification, re-queried for the committee of `?committeeId=` (the address keeps the drill-down). */
const useNotificationReport = (notificationId: string, committeeId: number | undefined) =>
  useQuery<NotificationReport, Error & { status?: number }>({
    queryKey: ['notification-report', notificationId, committeeId ?? null],
    queryFn: () => getNotificationReport(notificationId, committeeId),
    retry: false,
    staleTime: 30_000,
  });

const rate = (f: Format, value: number | null) => (value == null ? '—' : f.percent(value));

/** One headline figure: a big number, its label, a line of detail. */
const Figure = ({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) => (
  <Box data-testid={testId} sx={{ minWidth: 0 }}>
    <Typography variant="body2" color="text.secondary">
      {label}
    </Typography>
    <Typography variant="h5" component="p" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
      {value}
    </Typography>
    {detail && (
      <Typography variant="caption" color="text.secondary">
        {detail}
      </Typography>
    )}
  </Box>
);

/** Read x/y, sent, failed, pending for the committee's whole subtree. */
const Totals = ({ total }: { total: NotificationReportRow }) => {
  const translate = useTranslate();
  const f = useFormat();
  return (
    <Stack spacing={1}>
      <Grid container spacing={2} data-testid="report-totals">
        <Grid size={{ xs: 6, md: 3 }}>
          <Figure
            testId="report-read"
            label={translate('resources.bulletins.report.read')}
            value={`${f.number(total.read)}/${f.number(total.members)}`}
            detail={rate(f, total.readRate)}
          />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Figure
            testId="report-sent"
            label={translate('resources.bulletins.report.sent')}
            value={f.number(total.sent)}
            detail={translate('resources.bulletins.report.delivered_rate', { rate: rate(f, total.deliveredRate) })}
          />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Figure
            testId="report-failed"
            label={translate('resources.bulletins.report.failed')}
            value={f.number(total.failed)}
            detail={translate('resources.bulletins.report.gone', { count: f.number(total.gone) })}
          />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Figure testId="report-pending" label={translate('resources.bulletins.report.pending')} value={f.number(total.pending)} />
        </Grid>
      </Grid>
      {total.readRate != null && <LinearProgress variant="determinate" value={Math.round(total.readRate * 100)} aria-hidden />}
      <Typography variant="body2" color="text.secondary">
        {translate('resources.bulletins.report.devices_line', {
          devices: f.number(total.devices),
          muted: f.number(total.muted),
          skipped: f.number(total.skipped),
        })}
      </Typography>
    </Stack>
  );
};

/** The sub-committees as a table (sm and up): every name drills down. */
const ChildrenTable = ({ rows, linkTo }: { rows: NotificationReportRow[]; linkTo: (committeeId: number) => string }) => {
  const translate = useTranslate();
  const f = useFormat();
  const col = (key: string) => translate(`resources.bulletins.report.columns.${key}`);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate('resources.bulletins.report.children')} data-testid="report-children-table">
        <TableHead>
          <TableRow>
            <TableCell>{col('name')}</TableCell>
            <TableCell align="right">{col('members')}</TableCell>
            <TableCell align="right">{col('read')}</TableCell>
            <TableCell align="right">{col('read_rate')}</TableCell>
            <TableCell align="right">{col('devices')}</TableCell>
            <TableCell align="right">{col('sent')}</TableCell>
            <TableCell align="right">{col('failed')}</TableCell>
            <TableCell align="right">{col('pending')}</TableCell>
            <TableCell align="right">{col('delivered_rate')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.committeeId} hover data-testid={`report-row-${row.committeeId}`}>
              <TableCell>
                <MuiLink component={Link} to={linkTo(row.committeeId)}>
                  {row.name}
                </MuiLink>
              </TableCell>
              <TableCell align="right">{f.number(row.members)}</TableCell>
              <TableCell align="right">{f.number(row.read)}</TableCell>
              <TableCell align="right" sx={{ fontWeight: 600 }}>
                {rate(f, row.readRate)}
              </TableCell>
              <TableCell align="right">{f.number(row.devices)}</TableCell>
              <TableCell align="right">{f.number(row.sent)}</TableCell>
              <TableCell align="right" sx={row.failed > 0 ? { color: 'error.main', fontWeight: 600 } : undefined}>
                {f.number(row.failed)}
              </TableCell>
              <TableCell align="right">{f.number(row.pending)}</TableCell>
              <TableCell align="right">{rate(f, row.deliveredRate)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The sub-committees as stacked cards (phones): the whole card drills down. */
const ChildrenCards = ({ rows, linkTo }: { rows: NotificationReportRow[]; linkTo: (committeeId: number) => string }) => {
  const translate = useTranslate();
  const f = useFormat();
  return (
    <Stack spacing={1} data-testid="report-children-cards" component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {rows.map((row) => (
        <Card key={row.committeeId} variant="outlined" component="li" data-testid={`report-row-${row.committeeId}`}>
          <CardActionArea component={Link} to={linkTo(row.committeeId)}>
            <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
                <Typography variant="subtitle2" sx={{ overflowWrap: 'anywhere' }}>
                  {row.name}
                </Typography>
                <NavigateNextIcon fontSize="small" color="action" />
              </Stack>
              <Typography variant="body2">
                {translate('resources.bulletins.report.card_read', {
                  read: f.number(row.read),
                  members: f.number(row.members),
                  rate: rate(f, row.readRate),
                })}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('resources.bulletins.report.card_push', {
                  sent: f.number(row.sent),
                  failed: f.number(row.failed),
                  pending: f.number(row.pending),
                })}
              </Typography>
            </CardContent>
          </CardActionArea>
        </Card>
      ))}
    </Stack>
  );
};

/**
 * The delivery and read report of a notification (any kind: a bulletin, a document published...):
 * the totals of the audience's committee or of the sub-committee in `?committeeId=`, and one row per
 * direct sub-committee that drills down; the breadcrumb goes back up to the audience's committee.
 */
export const NotificationReportPanel = ({
  notificationId,
  audienceCommitteeId,
}: {
  notificationId: string;
  audienceCommitteeId?: number;
}) => {
  const translate = useTranslate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const rawId = Number(params.get('committeeId'));
  const committeeId = Number.isInteger(rawId) && rawId > 0 ? rawId : undefined;
  const report = useNotificationReport(notificationId, committeeId);

  const linkTo = (id: number) =>
    id === audienceCommitteeId ? pathname : `${pathname}?${new URLSearchParams({ committeeId: String(id) })}`;
  const noData = statusOf(report.error) === 404;
  const data = report.data;

  return (
    <ReportCard
      testId="notification-report"
      fill={false}
      title={translate('resources.bulletins.report.title')}
      help={translate('resources.bulletins.report.help')}
      isPending={report.isPending}
      error={noData ? null : report.error}
      height={160}
    >
      {noData ? (
        <Alert severity="info" data-testid="report-no-data">
          {translate(committeeId ? 'resources.bulletins.report.not_found' : 'resources.bulletins.report.no_data')}
        </Alert>
      ) : data ? (
        <Stack spacing={2}>
          <CommitteeBreadcrumb committee={data.committee} linkTo={linkTo} rootId={audienceCommitteeId} />
          <Totals total={data.total} />
          {data.children.length === 0 ? (
            <Typography variant="body2" color="text.secondary" data-testid="report-no-children">
              {translate('resources.bulletins.report.no_children')}
            </Typography>
          ) : (
            <Stack spacing={1}>
              <Typography variant="subtitle1" component="h3">
                {translate('resources.bulletins.report.children')}
              </Typography>
              {phone ? <ChildrenCards rows={data.children} linkTo={linkTo} /> : <ChildrenTable rows={data.children} linkTo={linkTo} />}
            </Stack>
          )}
        </Stack>
      ) : null}
    </ReportCard>
  );
};
