import AssignmentLateIcon from '@mui/icons-material/AssignmentLate';
import { Chip } from '@mui/material';
import { DataTable, List, NullableBooleanInput, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { CommitteeInput } from '../documents/content';
import type { components } from '../../../clients/typescript/schema';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

/** A task the meetings assigned, as GET /api/meeting-tasks lists it. */
type MeetingTaskRow = components['schemas']['MeetingTaskResponse'];

const TaskStateField = (_props: { label?: string }) => {
  const record = useRecordContext<MeetingTaskRow>();
  const translate = useTranslate();
  if (!record) return null;
  const state = record.done ? 'done' : record.overdue ? 'overdue' : 'open';
  return (
    <Chip
      size="small"
      color={state === 'done' ? 'success' : state === 'overdue' ? 'error' : 'default'}
      variant={state === 'open' ? 'outlined' : 'filled'}
      label={translate(`resources.meeting-tasks.states.${state}`)}
    />
  );
};

const AssigneeField = (_props: { label?: string }) => {
  const record = useRecordContext<MeetingTaskRow>();
  const translate = useTranslate();
  return <span>{record?.assigneeName ?? translate('resources.meetings.tasks.branch_committee')}</span>;
};

const taskFilters = [
  <NullableBooleanInput key="overdue" source="overdue" alwaysOn nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" />,
  <NullableBooleanInput key="done" source="done" nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
];

const Col = DataTable.Col<MeetingTaskRow>;

/** The tasks meetings assigned in the caller's subtree; overdue ones first to see. */
const MeetingTaskList = () => (
  <List filters={taskFilters} sort={{ field: 'dueOn', order: 'ASC' }} perPage={25} exporter={false} actions={false}>
    <ResponsiveDataTable
      rowClick={(_id, _resource, record) => `/meetings/${(record as MeetingTaskRow).meetingId}/minutes`}
      bulkActionButtons={false}
    >
      <Col source="title" />
      <Col source="assigneeName" disableSort>
        <AssigneeField />
      </Col>
      <Col source="dueOn">
        <LocaleDateField source="dueOn" dateOnly emptyText="—" />
      </Col>
      <Col source="done" disableSort>
        <TaskStateField />
      </Col>
      <Col source="meetingTitle" disableSort />
      <Col source="committeeName" disableSort />
    </ResponsiveDataTable>
  </List>
);

export const meetingTasks = { list: MeetingTaskList, icon: AssignmentLateIcon };
