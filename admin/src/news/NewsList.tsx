import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectField,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { CommitteeInput, contentStatusChoices, ContentStatusField } from '../documents/content';
import { YesNoField } from '../members/fields';
import { newsCategoryChoices } from './choices';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';
import { BulkStatusButtons } from '../common/BulkStatusButtons';
import { ListExportButton } from '../common/ExportMenu';

const newsFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.news.fields.q')} />,
  <SelectInput key="category" source="category" choices={newsCategoryChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={contentStatusChoices} alwaysOn />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
  <NullableBooleanInput key="sourced" source="sourced" nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" />,
];

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
    <ListExportButton list="news" />
  </ActionsToolbar>
);

const Col = DataTable.Col;

/** News items (tin tức) of the caller's subtree, newest first. */
export const NewsList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={newsFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <ResponsiveDataTable rowClick="show" bulkActionButtons={<BulkStatusButtons resource="news" />}>
        <Col source="title" />
        <Col source="category">
          <SelectField source="category" choices={newsCategoryChoices} />
        </Col>
        <Col source="committeeName" disableSort />
        <Col source="sourced" disableSort>
          <YesNoField source="sourced" />
        </Col>
        <Col source="status">
          <ContentStatusField />
        </Col>
        <Col source="publishedAt">
          <LocaleDateField source="publishedAt" />
        </Col>
        <Col source="updatedAt">
          <LocaleDateField source="updatedAt" showTime />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
