import {
  Box,
  Button,
  Card,
  CardContent,
  Collapse,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { Children, isValidElement, useState, type ReactElement, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  DataTable,
  RecordContextProvider,
  TextField,
  useCreatePath,
  useListContext,
  useResourceContext,
  useTranslate,
  type DataTableProps,
  type RaRecord,
} from 'react-admin';
import { ListEmpty } from './ListEmpty';

/** A phone: under MUI's `sm` breakpoint (600 px). */
export const useIsPhone = () => useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), { noSsr: true });

interface ColumnProps {
  source?: string;
  label?: ReactNode;
  render?: (record: RaRecord) => ReactNode;
  children?: ReactNode;
}

/** The path a row leads to, as DataTable's rowClick says ("show", "edit", a function); null: nowhere. */
const useRowPath = (rowClick: DataTableProps['rowClick']) => {
  const createPath = useCreatePath();
  const resource = useResourceContext() ?? '';
  return async (record: RaRecord): Promise<string | null> => {
    if (rowClick === 'show' || rowClick === 'edit') return createPath({ resource, id: record.id, type: rowClick });
    if (typeof rowClick === 'function') {
      const to = await rowClick(record.id, resource, record);
      return to === false ? null : to === 'show' || to === 'edit' ? createPath({ resource, id: record.id, type: to }) : to;
    }
    return null;
  };
};

const Value = ({ column, record }: { column: ColumnProps; record: RaRecord }) =>
  column.children ? (
    <>{column.children}</>
  ) : column.render ? (
    <>{column.render(record)}</>
  ) : column.source ? (
    <TextField source={column.source} />
  ) : null;

const RecordCard = ({
  record,
  columns,
  rowClick,
  expand,
}: {
  record: RaRecord;
  columns: ColumnProps[];
  rowClick: DataTableProps['rowClick'];
  expand?: ReactNode;
}) => {
  const translate = useTranslate();
  const resource = useResourceContext();
  const rowPath = useRowPath(rowClick);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [first, ...rest] = columns;
  const labelOf = (column: ColumnProps) =>
    column.label === '' || column.label === false
      ? null
      : typeof column.label === 'string'
        ? translate(column.label, { _: column.label })
        : (column.label ?? (column.source ? translate(`resources.${resource}.fields.${column.source}`, { _: column.source }) : null));
  const linked = rowClick === 'show' || rowClick === 'edit' || typeof rowClick === 'function';
  const title = (
    <Typography variant="subtitle1" component="div" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
      <Value column={first} record={record} />
    </Typography>
  );
  return (
    <RecordContextProvider value={record}>
      <Card variant="outlined" data-testid="phone-card">
        <CardContent sx={{ '&:last-child': { pb: 1.5 }, py: 1.5 }}>
          {linked ? (
            <MuiLink
              component={Link}
              to="#"
              underline="hover"
              color="inherit"
              onClick={async (event: React.MouseEvent) => {
                event.preventDefault();
                const to = await rowPath(record);
                if (to) navigate(to);
              }}
            >
              {title}
            </MuiLink>
          ) : (
            title
          )}
          <Stack spacing={0.5} sx={{ mt: 0.5 }}>
            {rest.map((column, index) => {
              const label = labelOf(column);
              return (
                <Box
                  key={column.source ?? index}
                  sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap', typography: 'body2', overflowWrap: 'anywhere' }}
                >
                  {label && (
                    <Typography component="span" variant="body2" color="text.secondary" sx={{ flex: 'none' }}>
                      {label}:
                    </Typography>
                  )}
                  <Box component="span" sx={{ minWidth: 0 }}>
                    <Value column={column} record={record} />
                  </Box>
                </Box>
              );
            })}
          </Stack>
          {expand && (
            <>
              <Button size="small" onClick={() => setOpen((o) => !o)} aria-expanded={open} sx={{ mt: 0.5, px: 0 }}>
                {translate(open ? 'app.list.hide_details' : 'app.list.show_details')}
              </Button>
              <Collapse in={open} unmountOnExit>
                {expand}
              </Collapse>
            </>
          )}
        </CardContent>
      </Card>
    </RecordContextProvider>
  );
};

/**
 * react-admin's DataTable on a laptop; on a phone each row becomes a card (the first column its title,
 * linked as the row would be; the others as "label: value" lines), built from the same columns, so that
 * no list is a table wider than the screen.
 */
export const ResponsiveDataTable = <RecordType extends RaRecord = RaRecord>(props: DataTableProps<RecordType>) => {
  const phone = useIsPhone();
  const { data, isPending } = useListContext<RecordType>();
  // an empty list never blames a filter nobody set (ListEmpty), on a laptop either
  if (!phone) return <DataTable<RecordType> empty={<ListEmpty />} {...props} />;
  if (isPending) return <LinearProgress sx={{ m: 2 }} />;
  if (!data || data.length === 0) return props.empty === undefined ? <ListEmpty /> : <>{props.empty}</>;
  const columns = Children.toArray(props.children)
    .filter((child): child is ReactElement<ColumnProps> => isValidElement(child))
    .map((child) => child.props);
  const expand = props.expand as ReactNode;
  return (
    <Stack spacing={1} sx={{ p: 1 }} data-testid="phone-cards">
      {data.map((record) => (
        <RecordCard
          key={record.id}
          record={record}
          columns={columns}
          rowClick={props.rowClick as DataTableProps['rowClick']}
          expand={expand}
        />
      ))}
    </Stack>
  );
};
