import { Card, CardContent, Chip, Grid, LinearProgress, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useFormat } from './format';
import { averageText } from './visitsText';
import type { InstallRatesResponse, RolloutResponse, VisitsResponse } from './types';

/** One headline figure: a label, a big number, a line of context. */
const Figure = ({
  label,
  value,
  caption,
  extra,
  testId,
  isPending,
}: {
  label: string;
  value?: ReactNode;
  caption?: ReactNode;
  extra?: ReactNode;
  testId: string;
  isPending?: boolean;
}) => (
  <Card sx={{ height: '100%' }} data-testid={testId} component="section" aria-label={label}>
    <CardContent>
      <Typography variant="overline" component="h2" color="text.secondary" sx={{ lineHeight: 1.6 }}>
        {label}
      </Typography>
      {isPending ? (
        <>
          <Skeleton variant="text" sx={{ fontSize: '2.2rem' }} width="50%" />
          <Skeleton variant="text" width="80%" />
        </>
      ) : (
        <>
          <Typography
            variant="h4"
            component="p"
            data-testid={`${testId}-value`}
            sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
          >
            {value ?? '—'}
          </Typography>
          {caption && (
            <Typography variant="body2" color="text.secondary" data-testid={`${testId}-caption`}>
              {caption}
            </Typography>
          )}
          {extra}
        </>
      )}
    </CardContent>
  </Card>
);

const cell = { xs: 12, sm: 6, lg: 3 } as const;

/**
 * The figures a provincial committee reports: install rate overall and among
 * full members, visits with the average's window, and "16/16 live".
 */
export const HeadlineFigures = ({
  installs,
  visits,
  rollout,
}: {
  installs?: { data?: InstallRatesResponse; isPending: boolean };
  visits?: { data?: VisitsResponse; isPending: boolean };
  rollout?: { data?: RolloutResponse; isPending: boolean };
}) => {
  const translate = useTranslate();
  const f = useFormat();
  const total = installs?.data?.total;
  const target = installs?.data?.committee.targetInstallRate;
  const showRollout = rollout && (rollout.isPending || (rollout.data?.children.total ?? 0) > 0);
  return (
    <Grid container spacing={2}>
      {installs && (
        <Grid size={cell}>
          <Figure
            testId="headline-install-rate"
            label={translate('analytics.headline.install_rate')}
            isPending={installs.isPending}
            value={total && f.percent(total.rate, total.installed, total.members)}
            caption={
              total &&
              translate('analytics.headline.installed_of', {
                installed: f.number(total.installed),
                members: f.number(total.members),
              })
            }
            extra={
              target != null && (
                <Chip
                  size="small"
                  variant="outlined"
                  sx={{ mt: 1 }}
                  label={translate('analytics.headline.target', {
                    rate: f.percent(target),
                  })}
                />
              )
            }
          />
        </Grid>
      )}
      {installs && (
        <Grid size={cell}>
          <Figure
            testId="headline-official"
            label={translate('analytics.headline.official')}
            isPending={installs.isPending}
            value={total && f.percent(total.official.rate, total.official.installed, total.official.members)}
            caption={
              total &&
              translate('analytics.headline.installed_of', {
                installed: f.number(total.official.installed),
                members: f.number(total.official.members),
              })
            }
            extra={
              total && (
                <Typography variant="body2" color="text.secondary">
                  {`${translate('analytics.headline.probationary')}: ${f.percent(
                    total.probationary.rate,
                  )} (${f.number(total.probationary.installed)}/${f.number(total.probationary.members)})`}
                </Typography>
              )
            }
          />
        </Grid>
      )}
      {visits && (
        <Grid size={cell}>
          <Figure
            testId="headline-visits"
            label={translate('analytics.headline.visits')}
            isPending={visits.isPending}
            value={visits.data && f.number(visits.data.total.visits)}
            caption={visits.data && averageText(visits.data, f, translate)}
            extra={
              visits.data && (
                <Typography variant="body2" color="text.secondary">
                  {`${translate('analytics.headline.active')}: ${translate(
                    visits.data.coverage.partialDay === visits.data.activeMembers.day
                      ? 'analytics.headline.dau_mau_today'
                      : 'analytics.headline.dau_mau',
                    {
                      dau: f.number(visits.data.activeMembers.dau),
                      day: f.date(visits.data.activeMembers.day),
                      mau: f.number(visits.data.activeMembers.mau),
                      month: f.month(visits.data.activeMembers.month),
                    },
                  )}`}
                  {visits.data.total.overRateMemberDays > 0 && (
                    <span data-testid="headline-over-rate" style={{ display: 'block' }}>
                      {translate('analytics.headline.over_rate', {
                        count: f.number(visits.data.total.overRateMemberDays),
                      })}
                    </span>
                  )}
                </Typography>
              )
            }
          />
        </Grid>
      )}
      {showRollout && (
        <Grid size={cell}>
          <Figure
            testId="headline-rollout"
            label={translate('analytics.headline.rollout')}
            isPending={rollout.isPending}
            value={rollout.data && `${rollout.data.children.byPhase.live}/${rollout.data.children.total}`}
            caption={
              rollout.data &&
              translate('analytics.headline.rollout_live', {
                live: rollout.data.children.byPhase.live,
                total: rollout.data.children.total,
              })
            }
            extra={
              rollout.data && (
                <Stack sx={{ mt: 1 }}>
                  <LinearProgress
                    variant="determinate"
                    color="success"
                    aria-hidden
                    value={rollout.data.children.total ? (100 * rollout.data.children.byPhase.live) / rollout.data.children.total : 0}
                  />
                </Stack>
              )
            }
          />
        </Grid>
      )}
    </Grid>
  );
};
