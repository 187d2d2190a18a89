import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { Breadcrumbs, Link as MuiLink, Typography } from '@mui/material';
import { useGetMany, useGetOne, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import type { Committee } from '../types';
import type { ReportCommittee } from './types';

/**
 * The way from the top of the caller's scope down to the committee shown;
 * every step above it goes back up. Committees above the caller's scope are
 * not returned by the API, so the trail starts where the caller's reach does.
 */
export const CommitteeBreadcrumb = ({
  committee,
  linkTo,
  rootId,
}: {
  committee: Pick<ReportCommittee, 'id' | 'name'>;
  linkTo: (committeeId: number) => string;
  /** where the trail starts (a report about one subtree, e.g. a notification's audience): default the top of the caller's scope */
  rootId?: number;
}) => {
  const translate = useTranslate();
  const { data: current } = useGetOne<Committee>('committees', { id: committee.id });
  const path = current?.path ? current.path.split('.').map(Number) : [];
  const start = rootId === undefined ? 0 : Math.max(0, path.indexOf(rootId));
  const ids = path.slice(start).filter((id) => id !== committee.id);
  const { data: ancestors } = useGetMany<Committee>('committees', { ids }, { enabled: ids.length > 0 });
  const trail = (ancestors ?? [])
    .filter((c): c is Committee => c != null && ids.includes(Number(c.id)))
    .sort((a, b) => ids.indexOf(Number(a.id)) - ids.indexOf(Number(b.id)));
  return (
    <Breadcrumbs
      aria-label={translate('analytics.breadcrumb')}
      separator={<NavigateNextIcon fontSize="small" />}
      data-testid="committee-breadcrumb"
    >
      {trail.map((c) => (
        <MuiLink key={c.id} component={Link} to={linkTo(Number(c.id))} underline="hover" color="inherit">
          {c.name}
        </MuiLink>
      ))}
      <Typography color="text.primary" aria-current="page" sx={{ fontWeight: 600 }}>
        {committee.name}
      </Typography>
    </Breadcrumbs>
  );
};
