import PublishIcon from '@mui/icons-material/Publish';
import { Chip, List as MuiList, ListItem, ListItemText } from '@mui/material';
import {
  Create,
  CreateButton,
  DataTable,
  Edit,
  EditButton,
  List,
  Show,
  SimpleShowLayout,
  TextField,
  useDataProvider,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import { LocaleDateField } from '../common/LocaleDateField';
import type { AppDataProvider } from '../dataProvider';
import { homeCommitteeId, useSaveErrorHandler } from '../documents/content';
import { nextMonth, vietnamMonth } from '../meetings/choices';
import { MonthField } from '../meetings/fields';
import type { MeetingGuidance } from '../meetings/types';
import { can } from '../permissions';
import { GuidanceForm } from './GuidanceForm';
import { ActionsToolbar } from '../common/ActionsToolbar';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { VietnamMonthInput } from '../common/DateInputs';

/** Published (with its date) or draft. */
export const GuidanceStatusField = (_props: { label?: string }) => {
  const record = useRecordContext<MeetingGuidance>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={record.publishedAt ? 'success' : 'default'}
      variant={record.publishedAt ? 'filled' : 'outlined'}
      label={translate(`app.content.statuses.${record.publishedAt ? 'published' : 'draft'}`)}
    />
  );
};

const PublishButton = () => {
  const record = useRecordContext<MeetingGuidance>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || record.publishedAt) return null;
  return (
    <ConfirmActionButton
      label="resources.meeting-guidance.publish.button"
      title="resources.meeting-guidance.publish.title"
      content="resources.meeting-guidance.publish.content"
      translateOptions={{ title: record.title }}
      variant="contained"
      icon={<PublishIcon />}
      action={async () => {
        await dataProvider.publishGuidance(record.id);
        notify('resources.meeting-guidance.publish.success', { type: 'success' });
        refresh();
      }}
    />
  );
};

const guidanceFilters = [<VietnamMonthInput key="month" source="month" alwaysOn />];

const ListActions = () => {
  const { permissions } = usePermissions();
  return <ActionsToolbar>{can.publishGuidance(permissions) && <CreateButton />}</ActionsToolbar>;
};

const Col = DataTable.Col<MeetingGuidance>;

/** The month's guidance for branch meetings: what the caller's chain published, and what their subtree wrote. */
export const GuidanceList = () => (
  <List filters={guidanceFilters} actions={<ListActions />} sort={{ field: 'month', order: 'DESC' }} perPage={25} exporter={false}>
    <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
      <Col source="month">
        <MonthField />
      </Col>
      <Col source="title" />
      <Col source="committeeName" disableSort />
      <Col source="publishedAt" label="resources.meeting-guidance.fields.status">
        <GuidanceStatusField />
      </Col>
      <Col source="topics" disableSort label="resources.meeting-guidance.fields.topicCount" render={(r) => r.topics?.length ?? 0} />
    </ResponsiveDataTable>
  </List>
);

const Topics = (_props: { label?: string }) => {
  const record = useRecordContext<MeetingGuidance>();
  if (!record) return null;
  return (
    <MuiList dense disablePadding>
      {record.topics.map((topic, index) => (
        <ListItem key={index} disableGutters divider>
          <ListItemText primary={`${index + 1}. ${topic.title}`} secondary={topic.description} />
        </ListItem>
      ))}
    </MuiList>
  );
};

const ShowActions = () => {
  const record = useRecordContext<MeetingGuidance>();
  const { permissions } = usePermissions();
  if (!can.publishGuidance(permissions)) return <ActionsToolbar />;
  return (
    <ActionsToolbar>
      <PublishButton />
      {record && !record.publishedAt && <EditButton />}
    </ActionsToolbar>
  );
};

export const GuidanceShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="title" />
      <MonthField source="month" label="resources.meeting-guidance.fields.month" />
      <TextField source="committeeName" />
      <GuidanceStatusField label="resources.meeting-guidance.fields.status" />
      <LocaleDateField source="publishedAt" showTime emptyText="—" />
      <Topics label="resources.meeting-guidance.fields.topics" />
    </SimpleShowLayout>
  </Show>
);

export const GuidanceCreate = () => {
  const onError = useSaveErrorHandler();
  return (
    <Create
      redirect="show"
      mutationOptions={{ onError }}
      record={{ committeeId: homeCommitteeId() ?? undefined, month: nextMonth(vietnamMonth()), topics: [{ title: '' }] }}
    >
      <GuidanceForm create />
    </Create>
  );
};

export const GuidanceEdit = () => {
  const onError = useSaveErrorHandler();
  return (
    <Edit mutationMode="pessimistic" redirect="show" mutationOptions={{ onError }}>
      <GuidanceForm />
    </Edit>
  );
};
