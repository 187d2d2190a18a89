import { Box, Paper, Stack, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useFormat } from './format';
import type { VisitDay, VisitsResponse } from './types';

const VisitsTooltip = ({ active, payload }: { active?: boolean; payload?: { payload: VisitDay }[] }) => {
  const translate = useTranslate();
  const f = useFormat();
  const day = payload?.[0]?.payload;
  if (!active || !day) return null;
  return (
    <Paper sx={{ p: 1.5 }} elevation={3}>
      <Typography variant="subtitle2">{f.date(day.day)}</Typography>
      <Typography variant="body2">{`${translate('analytics.visits.visits')}: ${f.number(day.visits)}`}</Typography>
      <Typography variant="body2">{`${translate('analytics.visits.unique')}: ${f.number(day.uniqueMembers)}`}</Typography>
    </Paper>
  );
};

/** Visits per day, the members behind them, and the average per day over its stated window. */
export const VisitsChart = ({ visits }: { visits: VisitsResponse }) => {
  const translate = useTranslate();
  const f = useFormat();
  const { palette } = useTheme();
  const average = visits.averagePerDay;
  const averageLabel = translate('analytics.visits.average_line', {
    from: f.date(average.window.from),
    to: f.date(average.window.to),
    value: f.decimal(average.visits),
  });
  return (
    <Stack spacing={1}>
      <Box
        data-testid="visits-chart"
        role="figure"
        aria-label={`${translate('analytics.visits.title')}. ${averageLabel}`}
        sx={{ width: '100%', height: 280 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={visits.series} margin={{ top: 24, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={f.shortDate} fontSize={12} minTickGap={24} />
            <YAxis allowDecimals={false} fontSize={12} width={48} tickFormatter={f.number} />
            <Tooltip content={<VisitsTooltip />} />
            <Legend formatter={(value: string) => translate(`analytics.visits.${value}`)} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="visits" name="visits" fill={palette.primary.light} isAnimationActive={false} />
            <Line
              type="monotone"
              dataKey="uniqueMembers"
              name="unique"
              stroke={palette.success.dark}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <ReferenceLine
              y={average.visits}
              stroke={palette.secondary.main}
              strokeDasharray="5 4"
              ifOverflow="extendDomain"
              label={{
                // short on the chart; the caption below gives the window
                value: translate('analytics.visits.average_short', { value: f.decimal(average.visits) }),
                position: 'insideBottomLeft',
                fontSize: 11,
                fill: palette.secondary.main,
              }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      <Typography variant="body2" color="text.secondary" data-testid="visits-average">
        {averageLabel}
      </Typography>
    </Stack>
  );
};
