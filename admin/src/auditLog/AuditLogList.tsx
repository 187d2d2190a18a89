import { Box, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  FilterButton,
  List,
  ReferenceField,
  SelectInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import type { AuditEntry } from '../types';
import { actionChoices, entityTypeChoices } from './choices';
import { VietnamDateInput } from '../common/DateInputs';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

interface FieldProps {
  source?: string;
  label?: string;
  sortable?: boolean;
}

const auditFilters = [
  <AutocompleteInput key="action" source="action" choices={actionChoices} alwaysOn sx={{ minWidth: 280 }} />,
  <SelectInput key="entityType" source="entityType" choices={entityTypeChoices} alwaysOn />,
  <VietnamDateInput key="from" source="from" alwaysOn />,
  <VietnamDateInput key="to" source="to" alwaysOn />,
];

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

/** The action in words, with its code underneath. */
const ActionField = (_props: FieldProps) => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2">
        {translate(`resources.audit-log.actions.${record.action}`, {
          _: record.action,
        })}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        {record.action}
      </Typography>
    </Box>
  );
};

const ActorField = (_props: FieldProps) => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2">{record.actorUsername ?? '—'}</Typography>
      {record.actorRole && (
        <Typography variant="caption" color="text.secondary">
          {translate(`app.roles.${record.actorRole}`, { _: record.actorRole })}
        </Typography>
      )}
    </Box>
  );
};

const EntityField = (_props: FieldProps) => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2">
        {translate(`resources.audit-log.entity_types.${record.entityType}`, {
          _: record.entityType,
        })}
      </Typography>
      {record.entityId && (
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {record.entityId}
        </Typography>
      )}
    </Box>
  );
};

/** The expanded row: the entry's details as pretty JSON, and its trace. */
const AuditDetails = () => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  const hasDetails = record.details && Object.keys(record.details).length > 0;
  const label = (field: string) => translate(`resources.audit-log.fields.${field}`);
  return (
    <Stack spacing={1} sx={{ py: 1 }}>
      <Table size="small" sx={{ maxWidth: 640 }}>
        <TableBody>
          {(['actorId', 'clientAddress', 'requestId'] as const).map((field) => (
            <TableRow key={field}>
              <TableCell component="th" scope="row" sx={{ width: 220 }}>
                {field === 'actorId' ? `${label('actorUsername')} (ID)` : label(field)}
              </TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{record[field] ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle2">{label('details')}</Typography>
      {hasDetails ? (
        <Box
          component="pre"
          sx={{
            m: 0,
            p: 1.5,
            borderRadius: 1,
            bgcolor: 'action.hover',
            fontSize: 13,
            overflowX: 'auto',
            maxHeight: 480,
          }}
        >
          {JSON.stringify(record.details, null, 2)}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.audit-log.no_details')}
        </Typography>
      )}
    </Stack>
  );
};

const Col = DataTable.Col<AuditEntry>;

/**
 * The append-only audit log of the caller's subtree: read only (the API has
 * no write route), newest first; a row expands to its details.
 */
export const AuditLogList = () => (
  <List filters={auditFilters} actions={<ListActions />} sort={{ field: 'id', order: 'DESC' }} perPage={50} exporter={false}>
    <ResponsiveDataTable rowClick="expand" expand={<AuditDetails />} bulkActionButtons={false}>
      <Col source="occurredAt">
        <LocaleDateField source="occurredAt" showTime />
      </Col>
      <Col source="actorUsername" disableSort>
        <ActorField />
      </Col>
      <Col source="action">
        <ActionField />
      </Col>
      <Col source="entityType" disableSort>
        <EntityField />
      </Col>
      <Col source="committeeId" disableSort>
        <ReferenceField source="committeeId" reference="committees" link="show" emptyText="—" />
      </Col>
    </ResponsiveDataTable>
  </List>
);
