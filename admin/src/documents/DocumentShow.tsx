import {
  DeleteWithConfirmButton,
  EditButton,
  FunctionField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import type { PartyDocument } from '../types';
import { documentTypeChoices } from './choices';
import { ChipsField, ContentStatusField } from './content';
import { DocumentFilePanel } from './DocumentFilePanel';
import { ActionsToolbar } from '../common/ActionsToolbar';

const DocumentTitle = () => {
  const record = useRecordContext<PartyDocument>();
  return <span>{record?.title ?? ''}</span>;
};

const ShowActions = () => (
  <ActionsToolbar>
    <EditButton />
    <DeleteWithConfirmButton mutationMode="pessimistic" />
  </ActionsToolbar>
);

export const DocumentShow = () => (
  <Show title={<DocumentTitle />} actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="title" />
      <TextField source="number" emptyText="—" />
      <SelectField source="type" choices={documentTypeChoices} />
      <TextField source="issuingBody" />
      <LocaleDateField source="issuedOn" dateOnly emptyText="—" />
      <FunctionField
        source="summary"
        render={(record: PartyDocument) => <span style={{ whiteSpace: 'pre-line' }}>{record.summary || '—'}</span>}
      />
      <ChipsField source="tags" />
      <TextField source="committeeName" />
      <ContentStatusField source="status" />
      <LocaleDateField source="publishedAt" showTime emptyText="—" />
      <LocaleDateField source="updatedAt" showTime />
    </SimpleShowLayout>
    <DocumentFilePanel />
  </Show>
);
