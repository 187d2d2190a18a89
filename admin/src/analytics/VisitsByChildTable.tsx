import { Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { useFormat } from './format';
import type { VisitsResponse } from './types';

/**
 * Each direct sub-committee's visits in the window, with its average per day as the API computed it
 * (`children[].averagePerDay`: over its own days with data, today left out, the rule of the
 * committee's average). A name drills down like the install-rate chart.
 */
export const VisitsByChildTable = ({ visits, linkTo }: { visits: VisitsResponse; linkTo: (committeeId: number) => string }) => {
  const translate = useTranslate();
  const f = useFormat();
  const rows = [...visits.children].sort((a, b) => b.total.visits - a.total.visits || a.name.localeCompare(b.name, 'vi'));
  return (
    <Table size="small" aria-label={translate('analytics.visits_by_child.title')} data-testid="visits-by-child">
      <TableHead>
        <TableRow>
          <TableCell>{translate('analytics.visits_by_child.columns.name')}</TableCell>
          <TableCell align="right">{translate('analytics.visits_by_child.columns.visits')}</TableCell>
          <TableCell align="right">{translate('analytics.visits_by_child.columns.average')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((child) => {
          const average = child.averagePerDay;
          return (
            <TableRow key={child.committeeId}>
              <TableCell>
                <MuiLink component={Link} to={linkTo(child.committeeId)} underline="hover">
                  {child.name}
                </MuiLink>
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {f.number(child.total.visits)}
              </TableCell>
              <TableCell
                align="right"
                sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                data-testid="visits-by-child-average"
              >
                {average.window.days === 0 ? (
                  '—'
                ) : (
                  <Tooltip
                    title={translate('analytics.visits_by_child.average_window', {
                      from: f.date(average.window.from),
                      to: f.date(average.window.to),
                      smart_count: average.window.days,
                    })}
                  >
                    <span>
                      {f.decimal(average.visits)}
                      <Typography component="span" variant="caption" color="text.secondary">
                        {` (${translate('analytics.visits_by_child.days', { smart_count: average.window.days })})`}
                      </Typography>
                    </span>
                  </Tooltip>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
