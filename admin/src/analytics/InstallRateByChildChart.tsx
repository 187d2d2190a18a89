import TableChartIcon from '@mui/icons-material/TableChart';
import {
  Box,
  Button,
  Collapse,
  Link as MuiLink,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link, useHref, useLinkClickHandler } from 'react-router';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarShapeProps } from 'recharts';
import { useFormat } from './format';
import type { InstallRateChild, InstallRatesResponse } from './types';

type Status = 'below_target' | 'below_overall' | 'on_track';

/** A legend entry for a dashed vertical line of the chart. */
const LineKey = ({ color, dash, children }: { color: string; dash: string; children: string }) => (
  <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
    <Box sx={{ width: 3, height: 14, backgroundImage: `linear-gradient(${color} 50%, transparent 50%)`, backgroundSize: `3px ${dash}` }} />
    <Typography variant="caption" sx={{ color }}>
      {children}
    </Typography>
  </Stack>
);

interface Row extends InstallRateChild {
  status: Status;
  to: string;
}

/** Where a child stands: under its target (or the committee's), under the overall rate, or fine. */
const statusOf = (child: InstallRateChild, report: InstallRatesResponse): Status => {
  const target = child.targetInstallRate ?? report.committee.targetInstallRate;
  if (target != null && child.rate < target) return 'below_target';
  if (child.rate < report.total.rate) return 'below_overall';
  return 'on_track';
};

const useStatusColors = (): Record<Status, string> => {
  const { palette } = useTheme();
  return {
    below_target: palette.error.main,
    below_overall: palette.warning.main,
    on_track: palette.success.main,
  };
};

/** A bar that is a link: it drills the dashboard down into that committee. */
const LinkedBar = (props: BarShapeProps & { label: string }) => {
  const { x, y, width, height, fill, payload, label } = props;
  const to = (payload as Row).to;
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <a href={href} onClick={onClick} aria-label={label} className="install-rate-bar">
      <title>{label}</title>
      {/* A zero rate still leaves a target to click and to focus. */}
      <rect x={x} y={y} width={Math.max(width ?? 0, 3)} height={height} fill={fill} rx={2} />
    </a>
  );
};

/** A long committee name cut to the axis' width; the full name is its title. */
const NameTick = ({ x, y, payload }: { x?: number; y?: number; payload?: { value: string } }) => {
  const name = payload?.value ?? '';
  const short = name.length > 30 ? `${name.slice(0, 29)}…` : name;
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill="currentColor">
      <title>{name}</title>
      {short}
    </text>
  );
};

const ChildTooltip = ({ active, payload }: { active?: boolean; payload?: { payload: Row }[] }) => {
  const translate = useTranslate();
  const f = useFormat();
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <Paper sx={{ p: 1.5 }} elevation={3}>
      <Typography variant="subtitle2">{row.name}</Typography>
      <Typography variant="body2">
        {`${translate('analytics.by_child.columns.rate')}: ${f.percent(row.rate)} (${f.number(row.installed)}/${f.number(row.members)})`}
      </Typography>
      <Typography variant="body2">{`${translate('analytics.by_child.columns.official')}: ${f.percent(row.official.rate)}`}</Typography>
      <Typography variant="body2" color="text.secondary">
        {translate(`resources.committees.phases.${row.phase}`, { _: row.phase })}
      </Typography>
    </Paper>
  );
};

/**
 * Install rate per direct sub-committee, lowest first so that those behind
 * stand out; every bar (and every row of the table) drills down.
 */
export const InstallRateByChildChart = ({
  report,
  linkTo,
}: {
  report: InstallRatesResponse;
  /** the dashboard's address for a committee */
  linkTo: (committeeId: number) => string;
}) => {
  const translate = useTranslate();
  const f = useFormat();
  const colors = useStatusColors();
  const { palette } = useTheme();
  const [showTable, setShowTable] = useState(false);

  const rows: Row[] = [...report.children]
    .sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name, 'vi'))
    .map((child) => ({ ...child, status: statusOf(child, report), to: linkTo(child.committeeId) }));

  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('analytics.by_child.empty')}
      </Typography>
    );
  }

  const target = report.committee.targetInstallRate;
  const height = Math.max(160, rows.length * 34 + 50);
  const barLabel = (row: Row) =>
    `${translate('analytics.by_child.open', { name: row.name })}: ${f.percent(row.rate)} (${f.number(
      row.installed,
    )}/${f.number(row.members)})`;

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} aria-hidden>
        {(Object.keys(colors) as Status[]).map((status) => (
          <Stack key={status} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: colors[status] }} />
            <Typography variant="caption">{translate(`analytics.by_child.${status}`)}</Typography>
          </Stack>
        ))}
        {/* the two vertical lines are named here, not on the chart, where close rates made their labels overlap */}
        <LineKey color={palette.text.secondary} dash="4px">
          {translate('analytics.by_child.overall', { rate: f.percent(report.total.rate) })}
        </LineKey>
        {target != null && (
          <LineKey color={palette.error.main} dash="2px">
            {translate('analytics.by_child.target', { rate: f.percent(target) })}
          </LineKey>
        )}
      </Stack>
      <Box
        data-testid="install-rate-by-child"
        role="figure"
        aria-label={translate('analytics.by_child.chart_label', { smart_count: rows.length })}
        sx={{ width: '100%', height, '& .install-rate-bar': { cursor: 'pointer' } }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 56, bottom: 0, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => f.percent(v)} fontSize={12} />
            <YAxis type="category" dataKey="name" width={210} interval={0} tick={<NameTick />} />
            <Tooltip content={<ChildTooltip />} cursor={{ fillOpacity: 0.3 }} />
            <Bar
              dataKey="rate"
              isAnimationActive={false}
              shape={(props: BarShapeProps) => (
                <LinkedBar {...props} fill={colors[(props.payload as Row).status]} label={barLabel(props.payload as Row)} />
              )}
            >
              <LabelList
                dataKey="rate"
                position="right"
                fontSize={12}
                fill={palette.text.primary}
                formatter={(v: unknown) => f.percent(Number(v))}
              />
            </Bar>
            <ReferenceLine x={report.total.rate} stroke={palette.text.secondary} strokeDasharray="4 4" />
            {target != null && target !== report.total.rate && (
              <ReferenceLine x={target} stroke={palette.error.main} strokeDasharray="2 3" />
            )}
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Box>
        <Button
          size="small"
          startIcon={<TableChartIcon />}
          onClick={() => setShowTable((shown) => !shown)}
          aria-expanded={showTable}
          aria-controls="install-rate-table"
        >
          {translate('analytics.by_child.table_label')}
        </Button>
      </Box>
      <Collapse in={showTable} id="install-rate-table">
        <Table size="small" aria-label={translate('analytics.by_child.table_label')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('analytics.by_child.columns.name')}</TableCell>
              <TableCell>{translate('analytics.by_child.columns.phase')}</TableCell>
              <TableCell align="right">{translate('analytics.by_child.columns.members')}</TableCell>
              <TableCell align="right">{translate('analytics.by_child.columns.installed')}</TableCell>
              <TableCell align="right">{translate('analytics.by_child.columns.rate')}</TableCell>
              <TableCell align="right">{translate('analytics.by_child.columns.official')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.committeeId}>
                <TableCell>
                  <MuiLink component={Link} to={row.to}>
                    {row.name}
                  </MuiLink>
                </TableCell>
                <TableCell>{translate(`resources.committees.phases.${row.phase}`, { _: row.phase })}</TableCell>
                <TableCell align="right">{f.number(row.members)}</TableCell>
                <TableCell align="right">{f.number(row.installed)}</TableCell>
                <TableCell align="right" sx={{ color: colors[row.status], fontWeight: 600 }}>
                  {f.percent(row.rate)}
                </TableCell>
                <TableCell align="right">{f.percent(row.official.rate)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Collapse>
    </Stack>
  );
};
