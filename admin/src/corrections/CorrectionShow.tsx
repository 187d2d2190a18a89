import { Stack, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Labeled, Link, ListButton, Show, SimpleShowLayout, TextField, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField, useFormatDate } from '../common/LocaleDateField';
import type { Correction, CorrectionField } from '../types';
import { DecisionButtons } from './DecisionButtons';
import { CorrectionStatusField } from './fields';
import { ActionsToolbar } from '../common/ActionsToolbar';

const DATE_FIELDS: CorrectionField[] = ['birthDate', 'admittedAt', 'officialAt'];

const ShowActions = () => (
  <ActionsToolbar>
    <ListButton />
    <DecisionButtons />
  </ActionsToolbar>
);

const useFormatValue = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  return (field: CorrectionField, value: string | null | undefined) => {
    if (value == null || value === '') {
      return translate('resources.corrections.compare.empty');
    }
    if (DATE_FIELDS.includes(field)) return formatDate(value, { dateOnly: true });
    if (field === 'gender') {
      return translate(`resources.members.genders.${value}`, { _: value });
    }
    return value;
  };
};

/** Requested values next to the record's current ones, field by field. */
const Comparison = (_props: { label?: string }) => {
  const record = useRecordContext<Correction>();
  const translate = useTranslate();
  const formatValue = useFormatValue();
  if (!record) return null;
  return (
    <Table size="small" sx={{ maxWidth: 880 }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.corrections.compare.field')}</TableCell>
          <TableCell>{translate('resources.corrections.compare.current')}</TableCell>
          <TableCell>{translate('resources.corrections.compare.requested')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {record.fields.map((field) => (
          <TableRow key={field}>
            <TableCell component="th" scope="row">
              {translate(`resources.members.fields.${field}`, { _: field })}
            </TableCell>
            <TableCell sx={{ color: 'text.secondary' }}>{formatValue(field, record.current?.[field])}</TableCell>
            <TableCell sx={{ fontWeight: 600 }}>{formatValue(field, record.changes?.[field])}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** The member's name, linking to the record. */
const MemberLink = (_props: { label?: string }) => {
  const record = useRecordContext<Correction>();
  const createPath = useCreatePath();
  if (!record) return null;
  return <Link to={createPath({ resource: 'members', id: record.memberId, type: 'show' })}>{record.memberName ?? record.memberId}</Link>;
};

const Decision = () => {
  const record = useRecordContext<Correction>();
  if (!record || record.status === 'pending') return null;
  return (
    <Stack spacing={1}>
      <Labeled source="decidedAt">
        <LocaleDateField source="decidedAt" showTime />
      </Labeled>
      <Labeled source="decisionNote">
        <TextField source="decisionNote" emptyText="—" />
      </Labeled>
    </Stack>
  );
};

const CorrectionTitle = () => {
  const record = useRecordContext<Correction>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.corrections.name', { smart_count: 1 })}
      {record?.memberName ? `: ${record.memberName}` : ''}
    </span>
  );
};

export const CorrectionShow = () => (
  <Show actions={<ShowActions />} title={<CorrectionTitle />}>
    <SimpleShowLayout>
      <MemberLink label="resources.corrections.fields.memberName" />
      <TextField source="committeeName" />
      <CorrectionStatusField source="status" />
      <LocaleDateField source="createdAt" showTime />
      <TextField source="reason" sx={{ whiteSpace: 'pre-wrap' }} />
      <Comparison label="resources.corrections.fields.fields" />
      <Decision />
    </SimpleShowLayout>
  </Show>
);
