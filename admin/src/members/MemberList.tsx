import UploadIcon from '@mui/icons-material/Upload';
import { Link } from 'react-router';
import {
  AutocompleteInput,
  Button,
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
import type { Member } from '../types';
import { activityHoldChoices, endStateChoices, genderChoices, notInstalledReasonChoices, registerChoices, statusChoices } from './choices';
import { ActionsToolbar } from '../common/ActionsToolbar';
import { ListExportButton } from '../common/ExportMenu';
import { IssueSelectedAccountsButton } from './IssueSelectedAccountsButton';
import { InstalledField, MemberStatusField, PushEnabledField, YesNoField } from './fields';
import { ListEmpty } from '../common/ListEmpty';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { MEMBER_IMPORT_PATH } from '../paths';

/** The list's own view (its first tab): not a filter the person set. */
const DEFAULT_FILTERS = { register: 'current' };

const filterToQuery = (q: string) => ({ q });

const memberFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.members.fields.q')} />,
  // The whole subtree of the chosen committee (the API scopes it anyway).
  <ReferenceInput key="committeeId" source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText={committeeOptionText} filterToQuery={filterToQuery} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  <SelectInput key="register" source="register" choices={registerChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} />,
  <NullableBooleanInput key="exempted" source="exempted" nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" />,
  <SelectInput key="activityHold" source="activityHold" choices={activityHoldChoices} />,
  <NullableBooleanInput key="installed" source="installed" nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" />,
  <SelectInput key="notInstalledReason" source="notInstalledReason" choices={notInstalledReasonChoices} />,
  <SelectInput key="gender" source="gender" choices={genderChoices} />,
  <SelectInput key="endState" source="endState" choices={endStateChoices} />,
];

const ImportButton = () => (
  <Button component={Link} to={MEMBER_IMPORT_PATH} label="resources.members.import.button">
    <UploadIcon />
  </Button>
);

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
    <ImportButton />
    <ListExportButton list="members" />
  </ActionsToolbar>
);

const Col = DataTable.Col<Member>;

/**
 * Member records in the caller's scope (a secretary: their branch). The
 * server searches without diacritics ("nguyen van" finds "Nguyễn Văn").
 */
export const MemberList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={memberFilters(translate)}
      filterDefaultValues={DEFAULT_FILTERS}
      actions={<ListActions />}
      sort={{ field: 'fullName', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <ResponsiveDataTable
        empty={<ListEmpty defaults={DEFAULT_FILTERS} />}
        rowClick="show"
        bulkActionButtons={<IssueSelectedAccountsButton />}
      >
        <Col source="fullName" />
        <Col source="committeeName" disableSort />
        <Col source="status">
          <MemberStatusField />
        </Col>
        <Col source="admittedAt">
          <LocaleDateField source="admittedAt" dateOnly />
        </Col>
        <Col source="installedAt">
          <InstalledField />
        </Col>
        <Col source="pushEnabled" disableSort>
          <PushEnabledField />
        </Col>
        <Col source="exempted" disableSort>
          <YesNoField source="exempted" />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
