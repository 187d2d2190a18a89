import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  useTranslate,
} from 'react-admin';
import type { Committee } from '../types';
import { committeeOptionText, kindChoices, phaseChoices } from './choices';
import { ChildCountField, LocaleDateField, PhaseField, TargetField } from './fields';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';

const filterToQuery = (q: string) => ({ q });

const committeeFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.committees.fields.q')} />,
  <ReferenceInput key="parentId" source="parentId" reference="committees" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText={committeeOptionText} filterToQuery={filterToQuery} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <SelectInput key="phase" source="phase" choices={phaseChoices} />,
];

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
    <ExportButton />
  </ActionsToolbar>
);

const Col = DataTable.Col<Committee>;

export const CommitteeList = () => {
  const translate = useTranslate();
  return (
    <List filters={committeeFilters(translate)} actions={<ListActions />} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
      <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
        <Col source="name" />
        <Col source="code" />
        <Col source="kind">
          <SelectField source="kind" choices={kindChoices} />
        </Col>
        <Col source="parentId" disableSort>
          <ReferenceField source="parentId" reference="committees" link="show" emptyText="resources.committees.root" />
        </Col>
        <Col source="childCount" disableSort align="right">
          <ChildCountField />
        </Col>
        <Col source="phase">
          <PhaseField />
        </Col>
        <Col source="targetInstallRate" disableSort align="right">
          <TargetField source="targetInstallRate" />
        </Col>
        <Col source="createdAt">
          <LocaleDateField source="createdAt" />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
