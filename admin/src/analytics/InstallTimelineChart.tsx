import { Box, List, ListItem, Paper, Stack, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat, vietnamDate } from './format';
import type { InstallTimelinePoint, InstallTimelineResponse, RolloutHistoryEntry } from './types';

/** The day a phase change took effect: its start date, else the day it was recorded. */
const dayOf = (entry: RolloutHistoryEntry) => entry.startedOn ?? vietnamDate(entry.changedAt);

const MAX_LISTED = 6;

const TimelineTooltip = ({ active, payload }: { active?: boolean; payload?: { payload: InstallTimelinePoint }[] }) => {
  const translate = useTranslate();
  const f = useFormat();
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <Paper sx={{ p: 1.5 }} elevation={3}>
      <Typography variant="subtitle2">{f.date(point.day)}</Typography>
      <Typography variant="body2">
        {`${translate('analytics.timeline.rate')}: ${f.percent(point.rate)} (${f.number(point.installed)}/${f.number(point.members)})`}
      </Typography>
      <Typography variant="body2">{`${translate('analytics.timeline.installs')}: ${f.number(point.installs)}`}</Typography>
    </Paper>
  );
};

/**
 * The install-rate curve of the committee's subtree over the window, with a
 * vertical line on every day a sub-committee (or the committee) changed its
 * rollout phase.
 */
export const InstallTimelineChart = ({ timeline, history }: { timeline: InstallTimelineResponse; history: RolloutHistoryEntry[] }) => {
  const translate = useTranslate();
  const f = useFormat();
  const { palette } = useTheme();
  const phase = (p: string) => translate(`resources.committees.phases.${p}`, { _: p });

  const { from, to } = timeline.window;
  const inWindow = history.filter((entry) => {
    const day = dayOf(entry);
    return day >= from && day <= to;
  });
  // one numbered vertical line per day with changes, oldest first; the list below says what changed
  const markerDays = [...new Set(inWindow.map(dayOf))].sort();
  const numberOf = (day: string) => markerDays.indexOf(day) + 1;
  const listed = [...inWindow].reverse().slice(0, MAX_LISTED);

  return (
    <Stack spacing={1}>
      <Box
        data-testid="install-timeline"
        role="figure"
        aria-label={translate('analytics.timeline.title')}
        sx={{ width: '100%', height: 280 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={timeline.series} margin={{ top: 24, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={f.shortDate} fontSize={12} minTickGap={24} />
            <YAxis yAxisId="rate" domain={[0, 1]} tickFormatter={(v: number) => f.percent(v)} fontSize={12} width={48} />
            <YAxis yAxisId="installs" orientation="right" allowDecimals={false} fontSize={12} width={40} />
            <Tooltip content={<TimelineTooltip />} />
            <Legend formatter={(value: string) => translate(`analytics.timeline.${value}`)} wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="installs" dataKey="installs" name="installs" fill={palette.info.light} isAnimationActive={false} />
            <Line
              yAxisId="rate"
              type="stepAfter"
              dataKey="rate"
              name="rate"
              stroke={palette.primary.main}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            {markerDays.map((day) => (
              <ReferenceLine
                key={day}
                yAxisId="rate"
                x={day}
                stroke={palette.secondary.main}
                strokeDasharray="4 3"
                label={{
                  value: String(numberOf(day)),
                  position: 'top',
                  fontSize: 11,
                  fontWeight: 600,
                  fill: palette.secondary.main,
                }}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      {listed.length > 0 && (
        <Box>
          <Typography variant="subtitle2" component="h3">
            {translate('analytics.timeline.markers')}
          </Typography>
          <List dense disablePadding data-testid="phase-markers">
            {listed.map((entry, index) => (
              <ListItem key={`${entry.committeeId}-${entry.changedAt}-${index}`} disableGutters sx={{ py: 0 }}>
                <Typography variant="body2" color="text.secondary">
                  <Box component="span" sx={{ color: 'secondary.main', fontWeight: 600, mr: 1 }} aria-hidden>
                    {numberOf(dayOf(entry))}
                  </Box>
                  {translate('analytics.timeline.marker', {
                    date: f.date(dayOf(entry)),
                    name: entry.committeeName,
                    phase: phase(entry.toPhase),
                  })}
                </Typography>
              </ListItem>
            ))}
            {inWindow.length > listed.length && (
              <ListItem disableGutters sx={{ py: 0 }}>
                <Typography variant="body2" color="text.secondary">
                  {translate('analytics.timeline.more_markers', {
                    smart_count: inWindow.length - listed.length,
                  })}
                </Typography>
              </ListItem>
            )}
          </List>
        </Box>
      )}
    </Stack>
  );
};
