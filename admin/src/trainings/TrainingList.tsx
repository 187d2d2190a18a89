import { CreateButton, DataTable, FilterButton, List, NumberField, SearchInput, useTranslate } from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { CommitteeInput } from '../documents/content';
import { VietnamDateInput } from '../common/DateInputs';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';

const trainingFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.trainings.fields.q')} />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} alwaysOn />,
  <VietnamDateInput key="from" source="from" />,
  <VietnamDateInput key="to" source="to" />,
];

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
  </ActionsToolbar>
);

const Col = DataTable.Col;

/** Training sessions on the app (hội nghị tập huấn), newest first. */
export const TrainingList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={trainingFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'heldOn', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <ResponsiveDataTable rowClick="edit" bulkActionButtons={false}>
        <Col source="heldOn">
          <LocaleDateField source="heldOn" dateOnly />
        </Col>
        <Col source="topic" />
        <Col source="committeeName" disableSort />
        <Col source="location" disableSort />
        <Col source="attendees" align="right">
          <NumberField source="attendees" />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
