import {
  CreateButton,
  DataTable,
  EditButton,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Typography } from '@mui/material';
import type { Committee } from '../types';
import { CHILD_KIND, kindChoices } from './choices';
import { AncestorsField, ChildCountField, LocaleDateField, PhaseField, TargetField } from './fields';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';

const AddChildButton = () => {
  const record = useRecordContext<Committee>();
  if (!record) return null;
  return (
    <CreateButton
      label="resources.committees.add_child"
      state={{
        record: { parentId: record.id, kind: CHILD_KIND[record.kind] },
      }}
    />
  );
};

const NoChildren = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('resources.committees.no_children')}
    </Typography>
  );
};

const ShowActions = () => (
  <ActionsToolbar>
    <AddChildButton />
    <EditButton />
  </ActionsToolbar>
);

const Col = DataTable.Col<Committee>;

export const CommitteeShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <AncestorsField label="resources.committees.sections.tree" />
      <TextField source="name" />
      <TextField source="code" />
      <SelectField source="kind" choices={kindChoices} />
      <ReferenceField source="parentId" reference="committees" link="show" emptyText="resources.committees.root" />
      <NumberField source="depth" />
      <PhaseField source="phase" />
      <LocaleDateField source="phaseStartedAt" dateOnly emptyText="—" />
      <TargetField source="targetInstallRate" />
      <LocaleDateField source="createdAt" showTime />
      <LocaleDateField source="updatedAt" showTime />
      <ChildCountField source="childCount" />
      <ReferenceManyField
        label="resources.committees.sections.children"
        reference="committees"
        target="parentId"
        sort={{ field: 'name', order: 'ASC' }}
        perPage={10}
        pagination={<Pagination />}
        empty={<NoChildren />}
      >
        <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
          <Col source="name" />
          <Col source="code" />
          <Col source="kind">
            <SelectField source="kind" choices={kindChoices} />
          </Col>
          <Col source="phase">
            <PhaseField />
          </Col>
          <Col source="childCount" disableSort align="right">
            <ChildCountField />
          </Col>
        </ResponsiveDataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);
