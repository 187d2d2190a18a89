import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Grid, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router';
import { analyticsAccess } from './access';
import { CommitteeBreadcrumb } from './CommitteeBreadcrumb';
import { addDays, useFormat, vietnamToday } from './format';
import { HeadlineFigures } from './HeadlineFigures';
import { InstallRateByChildChart } from './InstallRateByChildChart';
import { InstallTimelineChart } from './InstallTimelineChart';
import { MeetingReportTable, MonthPicker } from './MeetingReportCard';
import { vietnamMonth } from '../meetings/choices';
import { ReportCard } from './ReportCard';
import { NotInstalledReasons, RolloutSummary } from './RolloutSummary';
import { TopContentTable } from './TopContentTable';
import { useReport } from './useReport';
import { VisitsByChildTable } from './VisitsByChildTable';
import { VisitsChart } from './VisitsChart';

/** The periods offered for the curves, in days (Vietnam dates, today included). */
const PERIODS = [30, 90, 365] as const;
type Period = (typeof PERIODS)[number];
const DEFAULT_PERIOD: Period = 90;

const statusOf = (error: unknown) => (error as { status?: number } | null)?.status;

/**
 * The home dashboard's figures for one committee: `?committeeId=` (default:
 * the caller's home committee, the API decides) and `?days=` (the window of
 * the curves). Every figure comes from /api/analytics/*; a bar drills down by
 * changing `committeeId`, the breadcrumb goes back up.
 */
const AnalyticsDashboard = ({ role }: { role: unknown }) => {
  const translate = useTranslate();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const access = analyticsAccess(role);

  const rawId = Number(params.get('committeeId'));
  const committeeId = Number.isInteger(rawId) && rawId > 0 ? rawId : undefined;
  const rawDays = Number(params.get('days'));
  const days: Period = (PERIODS as readonly number[]).includes(rawDays) ? (rawDays as Period) : DEFAULT_PERIOD;
  const from = addDays(vietnamToday(), -(days - 1));
  const currentMonth = vietnamMonth();
  const rawMonth = params.get('month');
  const month = rawMonth && /^\d{4}-\d{2}$/.test(rawMonth) ? rawMonth : currentMonth;

  const linkTo = (id: number) => {
    const next = new URLSearchParams({ committeeId: String(id) });
    if (days !== DEFAULT_PERIOD) next.set('days', String(days));
    if (month !== currentMonth) next.set('month', month);
    return `/?${next}`;
  };
  const setMonth = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === currentMonth) next.delete('month');
    else next.set('month', value);
    setParams(next);
  };
  const setDays = (value: Period | null) => {
    if (value == null) return;
    const next = new URLSearchParams(params);
    if (value === DEFAULT_PERIOD) next.delete('days');
    else next.set('days', String(value));
    setParams(next);
  };

  const installs = useReport('getInstallRates', { committeeId }, access.installs);
  const timeline = useReport('getInstallTimeline', { committeeId, from }, access.installs);
  const rollout = useReport('getRollout', { committeeId }, access.rollout);
  const visits = useReport('getVisits', { committeeId, from }, access.usage);
  const top = useReport('getTopContent', { committeeId, from, limit: 10 }, access.usage);
  const meetings = useReport('getMeetingReport', { committeeId, month }, access.meetings);

  const reports = [installs, timeline, rollout, visits, top];
  if (reports.some((r) => statusOf(r.error) === 404)) {
    return (
      <Stack spacing={2} sx={{ mt: 2 }} data-testid="analytics-not-found">
        <Alert severity="warning">{translate('analytics.not_found')}</Alert>
        <Box>
          <Button component={Link} to="/" startIcon={<ArrowBackIcon />} variant="outlined">
            {translate('analytics.back_home')}
          </Button>
        </Box>
      </Stack>
    );
  }

  const committee = installs.data?.committee ?? visits.data?.committee ?? rollout.data?.committee;
  const hasChildren = (installs.data?.children.length ?? 0) > 0 || installs.isPending;
  const hasRollout = (rollout.data?.children.total ?? 0) > 0 || rollout.isPending;
  const hasVisitChildren = (visits.data?.children.length ?? 0) > 0;

  return (
    <Stack spacing={2} sx={{ mt: 2 }} data-testid="analytics-dashboard">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'center' } }}>
        <Box sx={{ minHeight: 32 }}>{committee && <CommitteeBreadcrumb committee={committee} linkTo={linkTo} />}</Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary" id="analytics-period-label">
            {translate('analytics.period.label')}
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={days}
            onChange={(_event, value: Period | null) => setDays(value)}
            aria-labelledby="analytics-period-label"
          >
            {PERIODS.map((period) => (
              <ToggleButton key={period} value={period}>
                {period === 365 ? translate('analytics.period.year') : translate('analytics.period.days', { smart_count: period })}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Stack>
      </Stack>

      <HeadlineFigures
        installs={access.installs ? installs : undefined}
        visits={access.usage ? visits : undefined}
        rollout={access.rollout ? rollout : undefined}
      />

      <Grid container spacing={2}>
        {access.installs && hasChildren && (
          <Grid size={{ xs: 12, lg: 7 }}>
            <ReportCard
              testId="card-install-rate-by-child"
              title={translate('analytics.by_child.title')}
              help={translate('analytics.by_child.help')}
              isPending={installs.isPending}
              error={installs.error}
              height={420}
            >
              {installs.data && <InstallRateByChildChart report={installs.data} linkTo={linkTo} />}
            </ReportCard>
          </Grid>
        )}
        {(access.rollout || access.installs) && (
          <Grid size={{ xs: 12, lg: hasChildren ? 5 : 6 }}>
            <Stack spacing={2} sx={{ height: '100%' }}>
              {access.rollout && hasRollout && (
                <ReportCard
                  testId="card-rollout"
                  fill={false}
                  title={translate('analytics.rollout.title')}
                  isPending={rollout.isPending}
                  error={rollout.error}
                  height={120}
                >
                  {rollout.data && <RolloutSummary rollout={rollout.data} />}
                </ReportCard>
              )}
              {access.installs && (
                <ReportCard
                  testId="card-not-installed"
                  fill={!(access.rollout && hasRollout)}
                  title={translate('analytics.not_installed.title')}
                  isPending={installs.isPending}
                  error={installs.error}
                  height={160}
                >
                  {installs.data && <NotInstalledReasons total={installs.data.total} />}
                </ReportCard>
              )}
            </Stack>
          </Grid>
        )}
        {access.meetings && (
          <Grid size={{ xs: 12, lg: 6 }}>
            <ReportCard
              testId="card-meetings"
              title={translate('analytics.meetings.title')}
              help={translate('analytics.meetings.help')}
              action={<MonthPicker month={month} onChange={setMonth} />}
              isPending={meetings.isPending}
              error={meetings.error}
              height={200}
            >
              {meetings.data && <MeetingReportTable report={meetings.data} month={month} committeeId={committeeId} linkTo={linkTo} />}
            </ReportCard>
          </Grid>
        )}
        {access.installs && (
          <Grid size={{ xs: 12, lg: 6 }}>
            <ReportCard
              testId="card-install-timeline"
              title={translate('analytics.timeline.title')}
              help={timeline.data && translate('analytics.timeline.help', { members: f.number(timeline.data.members) })}
              isPending={timeline.isPending || (access.rollout && rollout.isPending)}
              error={timeline.error}
              height={280}
            >
              {timeline.data && <InstallTimelineChart timeline={timeline.data} history={rollout.data?.history ?? []} />}
            </ReportCard>
          </Grid>
        )}
        {access.usage && (
          <Grid size={{ xs: 12, lg: 6 }}>
            <ReportCard
              testId="card-visits"
              title={translate('analytics.visits.title')}
              help={translate('analytics.visits.help')}
              isPending={visits.isPending}
              error={visits.error}
              height={280}
            >
              {visits.data && <VisitsChart visits={visits.data} />}
            </ReportCard>
          </Grid>
        )}
        {access.usage && (
          <Grid size={{ xs: 12, lg: 6 }}>
            <ReportCard
              testId="card-top-content"
              title={translate('analytics.top_content.title')}
              help={
                top.data &&
                translate('analytics.top_content.window', {
                  from: f.date(top.data.window.from),
                  to: f.date(top.data.window.to),
                })
              }
              isPending={top.isPending}
              error={top.error}
              height={200}
            >
              {top.data && <TopContentTable report={top.data} />}
            </ReportCard>
          </Grid>
        )}
        {access.usage && hasVisitChildren && (
          <Grid size={{ xs: 12, lg: 6 }}>
            <ReportCard
              testId="card-visits-by-child"
              title={translate('analytics.visits_by_child.title')}
              help={translate('analytics.visits_by_child.help')}
              isPending={visits.isPending}
              error={visits.error}
              height={200}
            >
              {visits.data && <VisitsByChildTable visits={visits.data} linkTo={linkTo} />}
            </ReportCard>
          </Grid>
        )}
      </Grid>
    </Stack>
  );
};

export default AnalyticsDashboard;
