import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Box, Typography } from '@mui/material';
import { Button, DataTable, List, ResourceContextProvider, useTranslate } from 'react-admin';
import { Link, useSearchParams } from 'react-router';
import { monthLabel, vietnamMonth } from './choices';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

/** The branches of a committee's subtree without a held regular meeting in the month (GET /api/analytics/meetings/missing). */
export const MissingBranchesPage = () => {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const rawMonth = params.get('month');
  const month = rawMonth && /^\d{4}-\d{2}$/.test(rawMonth) ? rawMonth : vietnamMonth();
  const rawId = Number(params.get('committeeId'));
  const committeeId = Number.isInteger(rawId) && rawId > 0 ? rawId : undefined;
  const back = new URLSearchParams();
  if (committeeId) back.set('committeeId', String(committeeId));
  if (rawMonth) back.set('month', month);
  return (
    <ResourceContextProvider value="meeting-missing-branches">
      <Box sx={{ mt: 2 }}>
        <Button component={Link} to={`/?${back}`} label="analytics.back_home">
          <ArrowBackIcon />
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('resources.meeting-missing-branches.help', { month: monthLabel(month) })}
        </Typography>
      </Box>
      <List
        resource="meeting-missing-branches"
        filter={committeeId ? { month, committeeId } : { month }}
        disableSyncWithLocation
        storeKey={false}
        perPage={50}
        exporter={false}
        actions={false}
        title={translate('resources.meeting-missing-branches.title', { month: monthLabel(month) })}
        sort={{ field: 'name', order: 'ASC' }}
      >
        <ResponsiveDataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.Col source="name" />
          <DataTable.Col source="parentName" disableSort />
        </ResponsiveDataTable>
      </List>
    </ResourceContextProvider>
  );
};
