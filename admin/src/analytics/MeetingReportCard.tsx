import ListAltIcon from '@mui/icons-material/ListAlt';
import {
  Box,
  Button,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { MEETING_MISSING_PATH } from '../meetings/paths';
import type { MeetingReport, MeetingReportRow } from '../meetings/types';
import { useFormat } from './format';
import { PlainMonthInput } from '../common/DateInputs';

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Where the list of branches without a held regular meeting that month is. */
export const missingBranchesPath = (month: string, committeeId?: number) => {
  const params = new URLSearchParams({ month });
  if (committeeId) params.set('committeeId', String(committeeId));
  return `${MEETING_MISSING_PATH}?${params}`;
};

/**
 * Branch meetings per sub-committee for a month (GET /api/analytics/meetings): branches that held
 * their regular meeting in the app out of all branches, meetings scheduled on time, the average
 * attendance rate and thematic meetings in the quarter. A name drills down like the install-rate
 * table; the total row links to the branches that did not meet.
 */
export const MeetingReportTable = ({
  report,
  month,
  committeeId,
  linkTo,
}: {
  report: MeetingReport;
  month: string;
  committeeId?: number;
  linkTo: (committeeId: number) => string;
}) => {
  const translate = useTranslate();
  const f = useFormat();
  const percent = (value: number | null | undefined) => (value == null ? '—' : f.percent(value));
  const rows = [...report.children].sort(
    (a, b) => (rate(a.branchesHeld, a.branches) ?? 2) - (rate(b.branchesHeld, b.branches) ?? 2) || a.name.localeCompare(b.name, 'vi'),
  );
  const cells = (row: MeetingReportRow) => (
    <>
      <TableCell align="right" data-testid="meetings-held">
        {`${f.number(row.branchesHeld)}/${f.number(row.branches)}`}
        <Typography component="span" variant="caption" color="text.secondary">
          {` (${percent(rate(row.branchesHeld, row.branches))})`}
        </Typography>
      </TableCell>
      <TableCell align="right">{f.number(row.scheduledOnTime)}</TableCell>
      <TableCell align="right">{percent(row.attendanceExpected === 0 ? null : row.attendanceRate)}</TableCell>
      <TableCell align="right">{f.number(row.thematicInQuarter)}</TableCell>
    </>
  );
  const missing = report.total.branches - report.total.branchesHeld;
  return (
    <Stack spacing={1}>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate('analytics.meetings.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('analytics.meetings.columns.name')}</TableCell>
              <TableCell align="right">{translate('analytics.meetings.columns.held')}</TableCell>
              <TableCell align="right">{translate('analytics.meetings.columns.on_time')}</TableCell>
              <TableCell align="right">{translate('analytics.meetings.columns.attendance')}</TableCell>
              <TableCell align="right">{translate('analytics.meetings.columns.thematic')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.committeeId} data-testid={`meetings-row-${row.committeeId}`}>
                <TableCell>
                  <MuiLink component={Link} to={linkTo(row.committeeId)}>
                    {row.name}
                  </MuiLink>
                </TableCell>
                {cells(row)}
              </TableRow>
            ))}
            <TableRow data-testid="meetings-total" sx={{ '& td': { fontWeight: 600 } }}>
              <TableCell>{translate('analytics.meetings.total')}</TableCell>
              {cells(report.total)}
            </TableRow>
          </TableBody>
        </Table>
      </Box>
      <Box>
        <Button
          size="small"
          component={Link}
          to={missingBranchesPath(month, committeeId)}
          startIcon={<ListAltIcon />}
          disabled={missing <= 0}
        >
          {translate('analytics.meetings.missing', { smart_count: Math.max(0, missing) })}
        </Button>
      </Box>
    </Stack>
  );
};

/** The month picker of the card. */
export const MonthPicker = ({ month, onChange }: { month: string; onChange: (month: string) => void }) => {
  const translate = useTranslate();
  return <PlainMonthInput label={translate('analytics.meetings.month')} value={month} onChange={onChange} sx={{ width: 170 }} />;
};

export const MeetingReportLoading = () => <LinearProgress />;
