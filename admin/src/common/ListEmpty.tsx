import { CardContent, Typography } from '@mui/material';
import { Button, useGetResourceLabel, useListContext, useResourceContext, useTranslate } from 'react-admin';

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What an empty list says. Only filters the person set count as filters: the list's own defaults
 * ("current members") and its tabs do not, so an empty default view says "Không tìm thấy … nào", not
 * "…phù hợp với bộ lọc hiện tại · Xóa bộ lọc"; and clearing the filters goes back to those defaults.
 */
export const ListEmpty = ({
  defaults = {},
  views = [],
}: {
  /** the list's filterDefaultValues */
  defaults?: Record<string, unknown>;
  /** filters that are the list's tabs: a tab chosen is a view, not a filter to clear */
  views?: string[];
}) => {
  const translate = useTranslate();
  const resource = useResourceContext();
  const getResourceLabel = useGetResourceLabel();
  const { filterValues, setFilters } = useListContext();
  const name = resource ? getResourceLabel(resource, 0) : '';
  const chosen = Object.entries(filterValues ?? {}).filter(
    ([key, value]) => isSet(value) && !same(defaults[key], value) && !views.includes(key),
  );
  const kept = Object.fromEntries(Object.entries(filterValues ?? {}).filter(([key]) => views.includes(key)));
  return (
    <CardContent data-testid="list-empty">
      <Typography variant="body2">
        {chosen.length === 0 ? (
          translate('ra.navigation.no_results', { name, _: 'No results found.' })
        ) : (
          <>
            {translate('ra.navigation.no_filtered_results', { name, _: 'No results found with the current filters.' })}{' '}
            <Button onClick={() => setFilters({ ...defaults, ...kept }, [])} label="ra.navigation.clear_filters" />
          </>
        )}
      </Typography>
    </CardContent>
  );
};
