import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import SubdirectoryArrowRightIcon from '@mui/icons-material/SubdirectoryArrowRight';
import {
  Alert,
  Box,
  Breadcrumbs,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Grid,
  IconButton,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Button, Title, useDataProvider, useGetMany, useGetOne, useTranslate } from 'react-admin';
import { ancestorIds, PHASE_COLORS } from '../committees/choices';
import { useFormatDate } from '../common/LocaleDateField';
import type { AppDataProvider } from '../dataProvider';
import { homeCommitteeId, useApiErrorText } from '../documents/content';
import { useNumberFormats } from '../common/numbers';
import { COMMITTEE_PHASES, type Committee } from '../types';
import { ChangePhaseButton } from './ChangePhaseButton';
import { PhaseChip, PhaseTimeline } from './PhaseTimeline';

/**
 * The chain from the caller's home committee down to the one shown, to climb
 * back up. Ancestors above the home committee are out of scope and left out.
 */
const Trail = ({ committeeId, onPick }: { committeeId: number; onPick: (id: number) => void }) => {
  const { data: committee } = useGetOne<Committee>('committees', { id: committeeId });
  const ids = ancestorIds(committee);
  const home = homeCommitteeId();
  const inScope = home == null ? ids : ids.slice(Math.max(0, ids.indexOf(home)));
  const { data: ancestors } = useGetMany<Committee>(
    'committees',
    { ids: inScope },
    { enabled: inScope.length > 0 && (home == null || ids.includes(home)) },
  );
  if (!committee) return null;
  const byId = new Map((ancestors ?? []).map((c) => [c.id, c]));
  return (
    <Breadcrumbs sx={{ mb: 1 }}>
      {inScope
        .filter((id) => byId.has(id))
        .map((id) => (
          <MuiLink key={id} component="button" variant="body2" onClick={() => onPick(id)}>
            {byId.get(id)?.name}
          </MuiLink>
        ))}
      <Typography variant="body2" color="text.primary">
        {committee.name}
      </Typography>
    </Breadcrumbs>
  );
};

/**
 * Rollout of the app (committee_admin, admin): the direct sub-committees of a
 * committee with their phases, the per-phase counts ("14/16 live"), and a
 * timeline of phase changes (GET /analytics/rollout), with "Chuyển giai đoạn"
 * on the committee and on each sub-committee.
 */
export const RolloutPage = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const errorText = useApiErrorText();
  const formatDate = useFormatDate();
  const numbers = useNumberFormats();
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('committeeId'));
  const committeeId = Number.isInteger(requested) && requested > 0 ? requested : undefined;
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ['rollout-page', committeeId ?? 'home'],
    queryFn: () => dataProvider.getRollout(committeeId ? { committeeId } : {}),
    retry: false,
  });
  const pick = (id: number) => setParams({ committeeId: String(id) });
  const home = homeCommitteeId();

  if (isPending) {
    return (
      <Box sx={{ p: 4, textAlign: 'center' }}>
        <Title title="app.rollout.title" />
        <CircularProgress />
      </Box>
    );
  }
  if (error || !data) {
    return (
      <Box sx={{ mt: 2 }}>
        <Title title="app.rollout.title" />
        <Alert severity="error">{errorText(error)}</Alert>
      </Box>
    );
  }

  const { committee, children, history } = data;
  const percent = (value: number | null) => (value == null ? '—' : numbers.percent(value));

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="app.rollout.title" />
      <Trail committeeId={committee.id} onPick={pick} />
      <Card variant="outlined" sx={{ mb: 2 }}>
        <CardContent>
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="h5" sx={{ flex: 1 }}>
              {committee.name}
            </Typography>
            <PhaseChip phase={committee.phase} />
            {committee.phaseStartedAt && (
              <Typography variant="body2" color="text.secondary">
                {translate('app.rollout.since', {
                  date: formatDate(committee.phaseStartedAt, { dateOnly: true }),
                })}
              </Typography>
            )}
            <ChangePhaseButton committee={committee} onChanged={() => refetch()} variant="contained" />
            {committee.id !== home && home != null && (
              <Button label="app.rollout.to_home" onClick={() => setParams({})}>
                <ArrowUpwardIcon />
              </Button>
            )}
          </Stack>
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap' }} useFlexGap>
            {COMMITTEE_PHASES.map((phase) => (
              <Chip
                key={phase}
                color={PHASE_COLORS[phase]}
                variant={children.byPhase[phase] > 0 ? 'filled' : 'outlined'}
                label={translate('app.rollout.count', {
                  phase: translate(`resources.committees.phases.${phase}`),
                  count: children.byPhase[phase] ?? 0,
                  total: children.total,
                })}
                data-testid={`rollout-count-${phase}`}
              />
            ))}
          </Stack>
        </CardContent>
      </Card>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" gutterBottom>
                {translate('app.rollout.children', {
                  smart_count: children.total,
                })}
              </Typography>
              {children.items.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {translate('resources.committees.no_children')}
                </Typography>
              ) : (
                <Table size="small" data-testid="rollout-children">
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('resources.committees.fields.name')}</TableCell>
                      <TableCell>{translate('resources.committees.fields.phase')}</TableCell>
                      <TableCell>{translate('app.rollout.since_column')}</TableCell>
                      <TableCell align="right">{translate('app.rollout.target')}</TableCell>
                      <TableCell padding="checkbox" />
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {children.items.map((child) => (
                      <TableRow key={child.committeeId} hover>
                        <TableCell sx={{ minWidth: 200 }}>
                          <MuiLink component="button" variant="body2" onClick={() => pick(child.committeeId)} sx={{ textAlign: 'left' }}>
                            {child.name}
                          </MuiLink>
                        </TableCell>
                        <TableCell>
                          <PhaseChip phase={child.phase} />
                        </TableCell>
                        <TableCell>{child.phaseStartedAt ? formatDate(child.phaseStartedAt, { dateOnly: true }) : '—'}</TableCell>
                        <TableCell align="right">{percent(child.targetInstallRate)}</TableCell>
                        <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                          <ChangePhaseButton
                            committee={{
                              id: child.committeeId,
                              name: child.name,
                              phase: child.phase,
                            }}
                            onChanged={() => refetch()}
                            compact
                          />
                          <Tooltip title={translate('app.rollout.drill_down')}>
                            <IconButton
                              size="small"
                              aria-label={translate('app.rollout.drill_down_of', {
                                name: child.name,
                              })}
                              onClick={() => pick(child.committeeId)}
                            >
                              <SubdirectoryArrowRightIcon fontSize="small" />
                            </IconButton>
                          </Tooltip>
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" gutterBottom>
                {translate('app.rollout.timeline')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {translate('app.rollout.timeline_hint')}
              </Typography>
              <PhaseTimeline history={history} highlightId={committee.id} />
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </Box>
  );
};
