import { Box, Link as MuiLink, Stack, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { MouseEvent } from 'react';
import { Link } from 'react-router';
import { AutocompleteInput, DataTable, FilterButton, List, ReferenceField, SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import type { AuditEntry } from '../types';
import { actionChoices, entityTypeChoices } from './choices';
import { recordPath, summarize } from './summary';
import { VietnamDateInput } from '../common/DateInputs';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';
import { ListExportButton } from '../common/ExportMenu';

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
  <ActionsToolbar>
    <FilterButton />
    <ListExportButton list="audit-log" />
  </ActionsToolbar>
);

/** The action in words (its code only as the tooltip, for technical staff). */
const ActionField = (_props: FieldProps) => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" title={record.action} data-testid="audit-action">
      {translate(`resources.audit-log.actions.${record.action}`, { _: record.action })}
    </Typography>
  );
};

const ActorField = (_props: FieldProps) => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2" data-testid="audit-actor">
        {record.actorUsername === 'seed'
          ? translate('resources.audit-log.actor_seed')
          : (record.actorUsername ?? translate('resources.audit-log.actor_system'))}
      </Typography>
      {record.actorRole && (
        <Typography variant="caption" color="text.secondary">
          {translate(`app.roles.${record.actorRole}`, { _: record.actorRole })}
        </Typography>
      )}
    </Box>
  );
};

/** What the action was about: its type in words, its name or title when the entry has it, a link to it. */
const EntityField = (_props: FieldProps) => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  const details = (record.details ?? {}) as Record<string, unknown>;
  const name = [details.title, details.name, details.memberName].find((v): v is string => typeof v === 'string' && v.length > 0);
  const path = recordPath(record.entityType, record.entityId);
  return (
    <Box data-testid="audit-entity">
      <Typography variant="body2">
        {translate(`resources.audit-log.entity_types.${record.entityType}`, { _: record.entityType })}
        {name && `: ${name}`}
      </Typography>
      {path && (
        <MuiLink component={Link} to={path} variant="caption" onClick={(event: MouseEvent) => event.stopPropagation()}>
          {translate('resources.audit-log.open')}
        </MuiLink>
      )}
    </Box>
  );
};

/** The expanded row: what changed, in words; then the raw entry for technical staff, folded. */
const AuditDetails = () => {
  const record = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!record) return null;
  const lines = summarize(record.entityType, record.details as Record<string, unknown>, translate);
  const label = (field: string) => translate(`resources.audit-log.fields.${field}`);
  return (
    <Stack spacing={1} sx={{ py: 1 }}>
      <Typography variant="subtitle2">{translate('resources.audit-log.summary')}</Typography>
      {lines.length > 0 ? (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="audit-summary">
          {lines.map((line, index) => (
            <Typography component="li" variant="body2" key={index} sx={{ overflowWrap: 'anywhere' }}>
              {line}
            </Typography>
          ))}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.audit-log.no_details')}
        </Typography>
      )}
      <Box component="details" sx={{ typography: 'body2', color: 'text.secondary' }}>
        <summary>{translate('resources.audit-log.raw')}</summary>
        <Table size="small" sx={{ maxWidth: 640 }}>
          <TableBody>
            {(['action', 'entityId', 'actorId', 'clientAddress', 'requestId'] as const).map((field) => (
              <TableRow key={field}>
                <TableCell component="th" scope="row" sx={{ width: 200 }}>
                  {field === 'actorId' ? `${label('actorUsername')} (ID)` : label(field)}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{record[field] ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box
          component="pre"
          sx={{ m: 0, p: 1.5, borderRadius: 1, bgcolor: 'action.hover', fontSize: 13, overflowX: 'auto', maxHeight: 480 }}
        >
          {JSON.stringify(record.details, null, 2)}
        </Box>
      </Box>
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
