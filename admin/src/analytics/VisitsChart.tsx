import { Box, Paper, Stack, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { addDays, useFormat } from './format';
import { averageText, coverageText } from './visitsText';
import type { VisitsResponse } from './types';

/** A day of the chart: null figures before the data's coverage starts (not drawn: unknown, not zero). */
interface ChartDay {
  day: string;
  visits: number | null;
  uniqueMembers: number | null;
  partial: boolean;
}

const VisitsTooltip = ({ active, payload }: { active?: boolean; payload?: { payload: ChartDay }[] }) => {
  const translate = useTranslate();
  const f = useFormat();
  const day = payload?.[0]?.payload;
  if (!active || !day) return null;
  return (
    <Paper sx={{ p: 1.5 }} elevation={3}>
      <Typography variant="subtitle2">{`${f.date(day.day)}${day.partial ? ` (${translate('analytics.visits.partial')})` : ''}`}</Typography>
      {day.visits == null ? (
        <Typography variant="body2">{translate('analytics.visits.no_data_day')}</Typography>
      ) : (
        <>
          <Typography variant="body2">{`${translate('analytics.visits.visits')}: ${f.number(day.visits)}`}</Typography>
          <Typography variant="body2">{`${translate('analytics.visits.unique')}: ${f.number(day.uniqueMembers ?? 0)}`}</Typography>
        </>
      )}
    </Paper>
  );
};

/** Visits per day, the members behind them, and the average per day over its stated window. */
export const VisitsChart = ({ visits }: { visits: VisitsResponse }) => {
  const translate = useTranslate();
  const f = useFormat();
  const { palette } = useTheme();
  const average = visits.averagePerDay;
  const averageLabel = averageText(visits, f, translate);
  const coverage = coverageText(visits, f, translate);
  const { firstDay, partialDay } = visits.coverage;
  const data: ChartDay[] = visits.series.map((d) => {
    const known = firstDay != null && d.day >= firstDay;
    return {
      day: d.day,
      visits: known ? d.visits : null,
      uniqueMembers: known ? d.uniqueMembers : null,
      partial: d.day === partialDay,
    };
  });
  const uncoveredTo = firstDay == null ? visits.window.to : firstDay > visits.window.from ? addDays(firstDay, -1) : null;
  return (
    <Stack spacing={1}>
      <Box
        data-testid="visits-chart"
        role="figure"
        aria-label={`${translate('analytics.visits.title')}. ${averageLabel}`}
        sx={{ width: '100%', height: 280 }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 24, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={f.shortDate} fontSize={12} minTickGap={24} />
            <YAxis allowDecimals={false} fontSize={12} width={48} tickFormatter={f.number} />
            <Tooltip content={<VisitsTooltip />} />
            <Legend formatter={(value: string) => translate(`analytics.visits.${value}`)} wrapperStyle={{ fontSize: 12 }} />
            {uncoveredTo != null && (
              <ReferenceArea
                x1={visits.window.from}
                x2={uncoveredTo}
                fill={palette.action.disabledBackground}
                fillOpacity={0.5}
                ifOverflow="extendDomain"
                label={{
                  value: translate('analytics.visits.no_data_area'),
                  position: 'insideTop',
                  fontSize: 11,
                  fill: palette.text.secondary,
                }}
              />
            )}
            <Bar dataKey="visits" name="visits" fill={palette.primary.light} isAnimationActive={false}>
              {data.map((d) => (
                // today is not over: a pale bar with a dashed outline, not a fall to zero
                <Cell
                  key={d.day}
                  className={d.partial ? 'visits-partial-day' : undefined}
                  fill={palette.primary.light}
                  fillOpacity={d.partial ? 0.35 : 1}
                  stroke={d.partial ? palette.primary.main : undefined}
                  strokeDasharray={d.partial ? '3 2' : undefined}
                />
              ))}
            </Bar>
            <Line
              type="monotone"
              dataKey="uniqueMembers"
              name="unique"
              stroke={palette.success.dark}
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            {/* the line is named in the caption below, where its label cannot cover the bars */}
            {average.window.days > 0 && (
              <ReferenceLine y={average.visits} stroke={palette.secondary.main} strokeDasharray="5 4" ifOverflow="extendDomain" />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {average.window.days > 0 && (
          <Box
            aria-hidden
            sx={{
              width: 24,
              height: 2,
              flex: 'none',
              backgroundImage: `linear-gradient(to right, ${palette.secondary.main} 60%, transparent 40%)`,
              backgroundSize: '8px 2px',
            }}
          />
        )}
        <Typography variant="body2" color="text.secondary" data-testid="visits-average">
          {averageLabel}
        </Typography>
      </Stack>
      {coverage && (
        <Typography variant="body2" color="text.secondary" data-testid="visits-coverage">
          {coverage}
        </Typography>
      )}
      {partialDay && (
        <Typography variant="body2" color="text.secondary" data-testid="visits-partial">
          {translate('analytics.visits.partial_note', { day: f.date(partialDay) })}
        </Typography>
      )}
    </Stack>
  );
};
