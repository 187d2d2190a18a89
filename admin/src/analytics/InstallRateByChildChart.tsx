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
import { useIsPhone } from '../common/ResponsiveDataTable';
import { useFormat } from './format';
import type { InstallRateChild, InstallRatesResponse } from './types';

type Status = 'below_target' | 'below_overall' | 'on_track' | 'on_hold';

/** Each status has a mark besides its colour, so that no figure is told by colour alone. */
const MARKS: Record<Status, string> = {
  below_target: '▼',
  below_overall: '●',
  on_track: '✓',
  on_hold: '⏸',
};

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
  /** the unit's own target, else the committee's: what its bar is judged by */
  target: number | null;
  to: string;
}

/** The target a child is judged by: its own, else the committee's. */
const targetOf = (child: InstallRateChild, report: InstallRatesResponse): number | null =>
  child.targetInstallRate ?? report.committee.targetInstallRate;

/** Where a child stands: on hold, under its own target, under the overall rate, or fine. */
const statusOf = (child: InstallRateChild, report: InstallRatesResponse): Status => {
  if (child.phase === 'on_hold') return 'on_hold';
  const target = targetOf(child, report);
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
    on_hold: palette.grey[500],
  };
};

/** The unit's own target, drawn across its bar's band (the band is the whole 0–100 % range). */
const TargetTick = (props: { x?: number; y?: number; width?: number; height?: number; payload?: Row; color: string }) => {
  const { x = 0, y = 0, width = 0, height = 0, payload, color } = props;
  if (!payload || payload.target == null || payload.status === 'on_hold') return <g />;
  const at = x + width * payload.target;
  return (
    <g className="install-rate-target">
      <line x1={at} x2={at} y1={y - 3} y2={y + height + 3} stroke={color} strokeWidth={2} />
      <path d={`M${at - 4},${y - 6} L${at + 4},${y - 6} L${at},${y - 1} Z`} fill={color} />
    </g>
  );
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
const NameTick = ({ x, y, payload, max = 30 }: { x?: number; y?: number; payload?: { value: string }; max?: number }) => {
  const name = payload?.value ?? '';
  const short = name.length > max ? `${name.slice(0, max - 1)}…` : name;
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
        {`${translate('analytics.by_child.columns.rate')}: ${f.percent(row.rate, row.installed, row.members)} (${f.number(row.installed)}/${f.number(row.members)})`}
      </Typography>
      <Typography variant="body2">
        {`${translate('analytics.by_child.columns.target')}: ${row.target == null ? '—' : f.percent(row.target)}`}
      </Typography>
      <Typography variant="body2">{`${MARKS[row.status]} ${translate(`analytics.by_child.${row.status}`)}`}</Typography>
      <Typography variant="body2">{`${translate('analytics.by_child.columns.official')}: ${f.percent(row.official.rate, row.official.installed, row.official.members)}`}</Typography>
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
  const phone = useIsPhone();

  const rows: Row[] = [...report.children]
    .sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name, 'vi'))
    .map((child) => ({ ...child, status: statusOf(child, report), target: targetOf(child, report), to: linkTo(child.committeeId) }));

  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('analytics.by_child.empty')}
      </Typography>
    );
  }

  const height = Math.max(160, rows.length * 38 + 50);
  const statusText = (row: Row) =>
    row.status === 'on_hold'
      ? translate('analytics.by_child.on_hold')
      : row.target == null
        ? translate(`analytics.by_child.${row.status}_no_target`)
        : translate(`analytics.by_child.${row.status}_of`, { target: f.percent(row.target) });
  const barLabel = (row: Row) =>
    `${translate('analytics.by_child.open', { name: row.name })}: ${f.percent(row.rate, row.installed, row.members)} (${f.number(
      row.installed,
    )}/${f.number(row.members)}), ${statusText(row)}`;
  /** The figure beside a bar: its mark and rate, and the unit's target ("▼ 88,2% / 90%"); "⏸ Tạm dừng" on hold. */
  const valueText = (row: Row) =>
    row.status === 'on_hold'
      ? `${MARKS.on_hold} ${translate('analytics.by_child.on_hold')}`
      : `${MARKS[row.status]} ${f.percent(row.rate, row.installed, row.members)}${row.target == null ? '' : ` / ${f.percent(row.target)}`}`;

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} aria-hidden>
        {(Object.keys(colors) as Status[])
          .filter((status) => status !== 'on_hold' || rows.some((row) => row.status === 'on_hold'))
          .map((status) => (
            <Stack key={status} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <Box sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: colors[status] }} />
              <Typography variant="caption">{`${MARKS[status]} ${translate(`analytics.by_child.${status}`)}`}</Typography>
            </Stack>
          ))}
        {/* the two vertical lines are named here, not on the chart, where close rates made their labels overlap */}
        <LineKey color={palette.text.secondary} dash="4px">
          {translate('analytics.by_child.overall', { rate: f.percent(report.total.rate) })}
        </LineKey>
        {rows.some((row) => row.target != null) && (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 3, height: 14, bgcolor: palette.text.primary }} />
            <Typography variant="caption">{translate('analytics.by_child.target_key')}</Typography>
          </Stack>
        )}
      </Stack>
      <Box
        data-testid="install-rate-by-child"
        role="figure"
        aria-label={translate('analytics.by_child.chart_label', { smart_count: rows.length })}
        sx={{ width: '100%', height, '& .install-rate-bar': { cursor: 'pointer' } }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 8, right: phone ? 96 : 120, bottom: 0, left: 4 }}
            accessibilityLayer={false}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => f.percent(v)} fontSize={12} />
            <YAxis type="category" dataKey="name" width={phone ? 112 : 210} interval={0} tick={<NameTick max={phone ? 16 : 30} />} />
            <Tooltip content={<ChildTooltip />} cursor={{ fillOpacity: 0.3 }} />
            <Bar
              dataKey="rate"
              isAnimationActive={false}
              background={(props: object) => <TargetTick {...props} color={palette.text.primary} />}
              shape={(props: BarShapeProps) => (
                <LinkedBar {...props} fill={colors[(props.payload as Row).status]} label={barLabel(props.payload as Row)} />
              )}
            >
              <LabelList
                dataKey="committeeId"
                position="right"
                fontSize={12}
                fill={palette.text.primary}
                formatter={(id: unknown) => {
                  const row = rows.find((r) => r.committeeId === id);
                  return row ? valueText(row) : '';
                }}
              />
            </Bar>
            <ReferenceLine x={report.total.rate} stroke={palette.text.secondary} strokeDasharray="4 4" />
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
      <Collapse in={showTable} id="install-rate-table" sx={{ minWidth: 0 }}>
        {/* on a phone the table scrolls inside its card, the page does not */}
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate('analytics.by_child.table_label')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('analytics.by_child.columns.name')}</TableCell>
                <TableCell>{translate('analytics.by_child.columns.phase')}</TableCell>
                <TableCell align="right">{translate('analytics.by_child.columns.members')}</TableCell>
                <TableCell align="right">{translate('analytics.by_child.columns.installed')}</TableCell>
                <TableCell align="right">{translate('analytics.by_child.columns.rate')}</TableCell>
                <TableCell align="right">{translate('analytics.by_child.columns.target')}</TableCell>
                <TableCell>{translate('analytics.by_child.columns.status')}</TableCell>
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
                  <TableCell align="right" sx={{ fontWeight: 600 }}>
                    {f.percent(row.rate, row.installed, row.members)}
                  </TableCell>
                  <TableCell align="right">{row.target == null ? '—' : f.percent(row.target)}</TableCell>
                  <TableCell
                    sx={{ color: colors[row.status], whiteSpace: 'nowrap' }}
                  >{`${MARKS[row.status]} ${statusText(row)}`}</TableCell>
                  <TableCell align="right">{f.percent(row.official.rate, row.official.installed, row.official.members)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </Collapse>
    </Stack>
  );
};
