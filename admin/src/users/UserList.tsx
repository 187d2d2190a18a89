import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { committeeOptionText } from '../committees/choices';
import { YesNoField } from '../members/fields';
import type { UserAccount } from '../types';
import { roleChoices } from './choices';
import { HomeCommitteeField, LockedField, RoleField } from './fields';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';
import { ListExportButton } from '../common/ExportMenu';

const filterToQuery = (q: string) => ({ q });

const userFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.users.fields.q')} />,
  <SelectInput key="role" source="role" choices={roleChoices()} alwaysOn />,
  <ReferenceInput key="committeeId" source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput optionText={committeeOptionText} filterToQuery={filterToQuery} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <NullableBooleanInput key="isActive" source="isActive" nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" />,
];

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
    <ListExportButton list="users" />
  </ActionsToolbar>
);

const Col = DataTable.Col<UserAccount>;

/** Accounts whose home is in the caller's scope (staff and members' logins). */
export const UserList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={userFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'username', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <ResponsiveDataTable rowClick="edit" bulkActionButtons={false}>
        <Col source="username" />
        <Col source="fullName" />
        <Col source="role">
          <RoleField />
        </Col>
        <Col source="committeeName" disableSort>
          <HomeCommitteeField />
        </Col>
        <Col source="isActive" disableSort>
          <YesNoField source="isActive" />
        </Col>
        <Col source="lockedUntil" disableSort>
          <LockedField />
        </Col>
        <Col source="mustChangePassword" disableSort>
          <YesNoField source="mustChangePassword" />
        </Col>
        <Col source="lastLoginAt">
          <LocaleDateField source="lastLoginAt" showTime emptyText="resources.users.never" />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
