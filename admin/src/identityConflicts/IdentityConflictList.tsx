import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Divider, Tab, Tabs } from '@mui/material';
import { Fragment, useId, useState, type SyntheticEvent } from 'react';
import {
  Button,
  DataTable,
  Form,
  List,
  RadioButtonGroupInput,
  SaveButton,
  TextInput,
  maxLength,
  required,
  useDataProvider,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { errorMessage } from '../common/errors';
import { LocaleDateField } from '../common/LocaleDateField';
import type { AppDataProvider } from '../dataProvider';
import {
  IDENTITY_CONFLICT_OUTCOMES,
  IDENTITY_CONFLICT_STATUSES,
  type IdentityConflict,
  type IdentityConflictMember,
  type IdentityConflictOutcome,
  type IdentityConflictStatus,
} from '../types';
import { ListEmpty } from '../common/ListEmpty';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

/** The list's own view (its first tab): not a filter the person set. */
const DEFAULT_FILTERS = { status: 'pending' };

const PREFIX = 'resources.member-identity-conflicts';
const Col = DataTable.Col<IdentityConflict>;

const describeMember = (m: IdentityConflictMember | null, translate: (key: string) => string) =>
  m ? `${m.fullName} (${m.birthDate}), ${m.committeeName ?? m.committeeId}` : translate(`${PREFIX}.none`);

const MemberCell = ({ which }: { which: 'member' | 'holder' }) => {
  const record = useRecordContext<IdentityConflict>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{describeMember(record[which], translate)}</span>;
};

const FieldCell = () => {
  const record = useRecordContext<IdentityConflict>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate(`${PREFIX}.identityFields.${record.field}`)}</span>;
};

const OutcomeCell = () => {
  const record = useRecordContext<IdentityConflict>();
  const translate = useTranslate();
  if (!record?.outcome) return null;
  return <span>{translate(`${PREFIX}.outcomes.${record.outcome}`)}</span>;
};

/** The verification dialog: one of three outcomes and an optional note. */
const ResolveButton = () => {
  const record = useRecordContext<IdentityConflict>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  if (!record || record.status !== 'pending') return null;

  const submit = async (values: { outcome?: IdentityConflictOutcome; note?: string | null }) => {
    if (!values.outcome) return { outcome: 'ra.validation.required' };
    try {
      await dataProvider.resolveIdentityConflict(record.id, values.outcome, values.note?.trim() || undefined);
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
    notify(`${PREFIX}.resolve.success`, { type: 'success' });
    setOpen(false);
    refresh();
    return undefined;
  };

  return (
    <>
      <Button
        label={`${PREFIX}.resolve.button`}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        <FactCheckIcon />
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        onClick={(event) => event.stopPropagation()}
        aria-labelledby={titleId}
        maxWidth="sm"
        fullWidth
      >
        <Form onSubmit={submit} record={{}} defaultValues={{ note: null }}>
          <DialogTitle id={titleId}>{translate(`${PREFIX}.resolve.title`)}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 1 }}>
              {translate(`${PREFIX}.resolve.content`, {
                value: record.value,
                member: describeMember(record.member, translate),
                holder: describeMember(record.holder, translate),
              })}
            </DialogContentText>
            <RadioButtonGroupInput
              source="outcome"
              label={`${PREFIX}.resolve.outcome`}
              row={false}
              validate={required()}
              choices={IDENTITY_CONFLICT_OUTCOMES.map((id) => ({
                id,
                name: `${PREFIX}.outcomes.${id}`,
              }))}
            />
            <TextInput source="note" label={`${PREFIX}.resolve.note`} validate={[maxLength(1000)]} multiline minRows={2} fullWidth />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label={`${PREFIX}.resolve.button`} icon={<FactCheckIcon />} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};

/** One tab per status, pending first: what waits for verification is why this page is opened. */
const TabbedConflicts = () => {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const status: IdentityConflictStatus = filterValues.status ?? 'pending';
  const change = (_event: SyntheticEvent, value: IdentityConflictStatus) =>
    setFilters({ ...filterValues, status: value }, displayedFilters);
  return (
    <Fragment>
      <Tabs variant="fullWidth" value={status} onChange={change}>
        {IDENTITY_CONFLICT_STATUSES.map((choice) => (
          <Tab key={choice} value={choice} label={translate(`${PREFIX}.statuses.${choice}`)} />
        ))}
      </Tabs>
      <Divider />
      <ResponsiveDataTable empty={<ListEmpty defaults={DEFAULT_FILTERS} views={['status']} />} rowClick={false} bulkActionButtons={false}>
        <Col source="field">
          <FieldCell />
        </Col>
        <Col source="value" disableSort />
        <Col source="member" disableSort>
          <MemberCell which="member" />
        </Col>
        <Col source="holder" disableSort>
          <MemberCell which="holder" />
        </Col>
        <Col source="committeeName" disableSort />
        <Col source="createdAt">
          <LocaleDateField source="createdAt" showTime />
        </Col>
        {status === 'pending' ? (
          <Col source="id" label="" disableSort>
            <ResolveButton />
          </Col>
        ) : (
          <Col source="outcome" disableSort>
            <OutcomeCell />
          </Col>
        )}
      </ResponsiveDataTable>
    </Fragment>
  );
};

/** "Trùng số định danh chờ xác minh": the duplicates a committee in scope verifies. */
export const IdentityConflictList = () => (
  <List filterDefaultValues={DEFAULT_FILTERS} sort={{ field: 'createdAt', order: 'ASC' }} perPage={25} exporter={false}>
    <TabbedConflicts />
  </List>
);
