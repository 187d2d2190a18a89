import { Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { RolloutHistoryEntry } from '../analytics/types';
import { useFormatDate } from '../common/LocaleDateField';
import { PHASE_COLORS } from '../committees/choices';
import type { CommitteePhase } from '../types';

export const PhaseChip = ({ phase }: { phase: CommitteePhase }) => {
  const translate = useTranslate();
  return (
    <Chip size="small" color={PHASE_COLORS[phase] ?? 'default'} label={translate(`resources.committees.phases.${phase}`, { _: phase })} />
  );
};

const DOT_COLORS: Record<CommitteePhase, string> = {
  not_started: 'grey.500',
  trial: 'info.main',
  pilot: 'warning.main',
  live: 'success.main',
  on_hold: 'error.main',
};

/**
 * Phase changes as a vertical timeline, newest first: the date the phase
 * began, the committee, from → to, and when it was recorded.
 */
export const PhaseTimeline = ({
  history,
  highlightId,
}: {
  history: RolloutHistoryEntry[];
  /** The committee the page is about: its own changes stand out. */
  highlightId?: number;
}) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  if (history.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.rollout.no_history')}
      </Typography>
    );
  }
  const entries = [...history].reverse();
  return (
    <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="rollout-timeline">
      {entries.map((entry, index) => (
        <Box component="li" key={`${entry.committeeId}-${entry.changedAt}-${index}`} sx={{ display: 'flex', gap: 2 }}>
          <Box
            sx={{
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              width: 16,
            }}
          >
            <Box
              sx={{
                width: 12,
                height: 12,
                mt: 0.75,
                borderRadius: '50%',
                bgcolor: DOT_COLORS[entry.toPhase],
                flexShrink: 0,
              }}
            />
            {index < entries.length - 1 && <Box sx={{ flex: 1, width: 2, bgcolor: 'divider', my: 0.5 }} />}
          </Box>
          <Box sx={{ pb: 2, flex: 1 }}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600, minWidth: 88 }}>
                {formatDate(entry.startedOn ?? entry.changedAt, {
                  dateOnly: !!entry.startedOn,
                })}
              </Typography>
              <Typography
                variant="body2"
                sx={{
                  fontWeight: entry.committeeId === highlightId ? 700 : 400,
                }}
              >
                {entry.committeeName}
              </Typography>
            </Stack>
            <Stack direction="row" spacing={1} sx={{ mt: 0.5, alignItems: 'center' }}>
              {entry.fromPhase ? (
                <PhaseChip phase={entry.fromPhase} />
              ) : (
                <Typography variant="caption" color="text.secondary">
                  {translate('app.rollout.created_in')}
                </Typography>
              )}
              <span aria-hidden>→</span>
              <PhaseChip phase={entry.toPhase} />
              <Typography variant="caption" color="text.secondary">
                {translate('app.rollout.recorded_at', {
                  time: formatDate(entry.changedAt, { showTime: true }),
                })}
              </Typography>
            </Stack>
          </Box>
        </Box>
      ))}
    </Box>
  );
};
