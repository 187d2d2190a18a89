import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { Breadcrumbs as MuiBreadcrumbs, Link as MuiLink, Typography } from '@mui/material';
import { Link, useLocation } from 'react-router';
import {
  useGetOne,
  useGetRecordRepresentation,
  useGetResourceLabel,
  useResourceDefinitions,
  useTranslate,
  type RaRecord,
} from 'react-admin';

/** `/<resource>/<id>` (edit) or `/<resource>/<id>/show[/<tab>]`, with an id that is a UUID or a number (not `create`, `import`). */
const RECORD_PATH = /^\/([a-z-]+)\/([0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/show(?:\/[^/]*)?)?\/?$/i;

const Trail = ({ resource, id, hasList }: { resource: string; id: string; hasList: boolean }) => {
  const translate = useTranslate();
  const resourceLabel = useGetResourceLabel();
  const represent = useGetRecordRepresentation(resource);
  // the page's own getOne (same query key): read from the cache, no second request
  const { data } = useGetOne<RaRecord>(resource, { id });
  const name = data ? represent(data) : null;
  return (
    <MuiBreadcrumbs
      aria-label={translate('app.breadcrumbs.label')}
      separator={<NavigateNextIcon fontSize="small" />}
      sx={{ mt: 1, mb: 0.5, px: { xs: 1, sm: 0 }, '& ol': { flexWrap: 'wrap' }, typography: 'body2' }}
      data-testid="breadcrumbs"
    >
      <MuiLink component={Link} to="/" underline="hover" color="inherit">
        {translate('app.breadcrumbs.home')}
      </MuiLink>
      {hasList ? (
        <MuiLink component={Link} to={`/${resource}`} underline="hover" color="inherit">
          {resourceLabel(resource, 2)}
        </MuiLink>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {resourceLabel(resource, 2)}
        </Typography>
      )}
      {name != null && name !== '' && (
        <Typography variant="body2" color="text.primary" aria-current="page" sx={{ overflowWrap: 'anywhere' }}>
          {name}
        </Typography>
      )}
    </MuiBreadcrumbs>
  );
};

/**
 * "Trang chủ › Đảng viên › Nguyễn Văn A" above every record page (show and edit) of every
 * resource: drawn once, by the layout, from the address, so no page can forget it.
 */
export const RecordBreadcrumbs = () => {
  const { pathname } = useLocation();
  const definitions = useResourceDefinitions();
  const match = RECORD_PATH.exec(pathname);
  if (!match) return null;
  const [, resource, id] = match;
  const definition = definitions[resource];
  if (!definition || !(definition.hasShow || definition.hasEdit)) return null;
  return <Trail key={`${resource}/${id}`} resource={resource} id={decodeURIComponent(id)} hasList={!!definition.hasList} />;
};
