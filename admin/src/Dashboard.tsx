import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BadgeIcon from '@mui/icons-material/Badge';
import LockIcon from '@mui/icons-material/Lock';
import RuleIcon from '@mui/icons-material/Rule';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { Loading, Title, useCreatePath, useGetIdentity, useTranslate } from 'react-admin';
import { hasAnalytics } from './analytics/access';
import { CHANGE_PASSWORD_PATH } from './authProvider';
import { can } from './permissions';
import type { AuthUser } from './types';

// The charts (recharts and its d3 helpers) load with the home page's figures,
// not with the login page.
const AnalyticsDashboard = lazy(() => import('./analytics/AnalyticsDashboard'));

/** Who is logged in (GET /api/auth/me) and the pages they work on most. */
const Welcome = ({ user }: { user: AuthUser & { fullName: string } }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const hasShortcuts =
    user.mustChangePassword || can.manageMembers(user.role) || can.decideCorrections(user.role) || can.manageCommittees(user.role);
  return (
    <Card>
      <CardContent>
        <Stack spacing={1.5}>
          <Box>
            <Typography variant="h5" component="h1">
              {translate('app.dashboard.welcome', { name: user.fullName })}
            </Typography>
            <Typography variant="body2" color="text.secondary" data-testid="welcome-account">
              {[
                translate(`app.roles.${user.role}`, { _: user.role }),
                user.committeeName ?? translate('app.dashboard.no_committee'),
                user.username,
              ].join(' · ')}
            </Typography>
          </Box>
          {!hasAnalytics(user.role) && (
            <Typography variant="body1" color="text.secondary">
              {translate('app.dashboard.intro')}
            </Typography>
          )}
          {user.mustChangePassword && <Alert severity="warning">{translate('app.dashboard.must_change_password')}</Alert>}
          {hasShortcuts && (
            // MUI's Button, not react-admin's, which drops the words on a phone: a shortcut keeps its label
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="home-shortcuts">
              {user.mustChangePassword && (
                <Button variant="contained" component={Link} to={CHANGE_PASSWORD_PATH} startIcon={<LockIcon />}>
                  {translate('app.dashboard.change_password')}
                </Button>
              )}
              {can.manageMembers(user.role) && (
                <Button
                  variant="outlined"
                  component={Link}
                  to={createPath({ resource: 'members', type: 'list' })}
                  startIcon={<BadgeIcon />}
                >
                  {translate('app.dashboard.open_members')}
                </Button>
              )}
              {can.decideCorrections(user.role) && (
                <Button
                  variant="outlined"
                  component={Link}
                  to={createPath({ resource: 'corrections', type: 'list' })}
                  startIcon={<RuleIcon />}
                >
                  {translate('app.dashboard.open_corrections')}
                </Button>
              )}
              {can.manageCommittees(user.role) && (
                <Button
                  variant="outlined"
                  component={Link}
                  to={createPath({ resource: 'committees', type: 'list' })}
                  startIcon={<AccountTreeIcon />}
                >
                  {translate('app.dashboard.open_committees')}
                </Button>
              )}
            </Stack>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};

/**
 * The home page: a welcome, then the figures the role may read from the
 * analytics API (install rates and rollout for committee admins, admins and
 * secretaries; visits and top content for committee admins, admins and
 * editors). A role without any sees the welcome only.
 */
export const Dashboard = () => {
  const translate = useTranslate();
  const { identity, isPending, error } = useGetIdentity();

  if (isPending) return <Loading />;

  const user = identity as (AuthUser & { fullName: string }) | undefined;

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('app.dashboard.title')} />
      {error || !user ? (
        <Alert severity="error">{translate('app.dashboard.load_error')}</Alert>
      ) : (
        <>
          <Welcome user={user} />
          {hasAnalytics(user.role) && !user.mustChangePassword && (
            <Suspense fallback={<LinearProgress sx={{ mt: 2 }} />}>
              <AnalyticsDashboard role={user.role} />
            </Suspense>
          )}
        </>
      )}
    </Box>
  );
};
