import { Box, Chip, List, ListItem, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { COMMITTEE_PHASES } from '../types';
import { useFormat, vietnamDate } from './format';
import type { InstallRateFigures, NotInstalledByReason, RolloutResponse } from './types';

const PHASE_COLORS = {
  live: 'success',
  pilot: 'info',
  trial: 'info',
  on_hold: 'warning',
  not_started: 'default',
} as const;

const RECENT = 5;

/** "16/16 đơn vị đã triển khai chính thức", the count per phase, the latest phase changes. */
export const RolloutSummary = ({ rollout }: { rollout: RolloutResponse }) => {
  const translate = useTranslate();
  const f = useFormat();
  const phase = (p: string | null) => (p ? translate(`resources.committees.phases.${p}`, { _: p }) : translate('analytics.rollout.none'));
  const { total, byPhase } = rollout.children;
  const recent = [...rollout.history].reverse().slice(0, RECENT);
  return (
    <Stack spacing={1.5}>
      <Typography variant="h5" component="p" data-testid="rollout-live" sx={{ fontWeight: 600 }}>
        {translate('analytics.rollout.live', { live: byPhase.live, total })}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {COMMITTEE_PHASES.filter((p) => byPhase[p] > 0).map((p) => (
          <Chip
            key={p}
            size="small"
            color={PHASE_COLORS[p]}
            variant={p === 'live' ? 'filled' : 'outlined'}
            label={`${phase(p)}: ${byPhase[p]}`}
          />
        ))}
      </Stack>
      <Box>
        <Typography variant="subtitle2" component="h3">
          {translate('analytics.rollout.history')}
        </Typography>
        {recent.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('analytics.rollout.no_history')}
          </Typography>
        ) : (
          <List dense disablePadding>
            {recent.map((entry, index) => (
              <ListItem key={`${entry.committeeId}-${entry.changedAt}-${index}`} disableGutters sx={{ py: 0 }}>
                <Typography variant="body2" color="text.secondary">
                  {translate('analytics.rollout.change', {
                    date: f.date(entry.startedOn ?? vietnamDate(entry.changedAt)),
                    name: entry.committeeName,
                    from: phase(entry.fromPhase),
                    to: phase(entry.toPhase),
                  })}
                </Typography>
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    </Stack>
  );
};

const REASONS: (keyof NotInstalledByReason)[] = ['elderly', 'no_smartphone', 'special_unit_pending', 'exempted', 'other', 'unspecified'];

/** Why the members who have not installed have not, as the register records it. */
export const NotInstalledReasons = ({ total }: { total: InstallRateFigures }) => {
  const translate = useTranslate();
  const f = useFormat();
  return (
    <Stack spacing={1}>
      <Table size="small" aria-label={translate('analytics.not_installed.title')} data-testid="not-installed">
        <TableBody>
          {REASONS.map((reason) => (
            <TableRow key={reason}>
              <TableCell component="th" scope="row">
                {/* the member form's own words for each reason ("Chưa ghi lý do" only here) */}
                {translate(
                  reason === 'unspecified' ? 'analytics.not_installed.unspecified' : `resources.members.not_installed_reasons.${reason}`,
                )}
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {f.number(total.notInstalledByReason[reason] ?? 0)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" color="text.secondary">
        {translate('analytics.not_installed.exempted_members', {
          installed: f.number(total.exempted.installed),
          members: f.number(total.exempted.members),
        })}
      </Typography>
    </Stack>
  );
};
