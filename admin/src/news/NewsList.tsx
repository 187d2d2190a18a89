import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { ContentSourceTabs } from '../common/ContentSourceTabs';
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

/** A news item from above is read, not edited: its summary opens under its row. */
const NewsSummaryPanel = () => <TextField source="summary" emptyText="—" />;

/** News items (tin tức) of the caller's subtree, newest first, and those the committees above sent its members (read only). */
export const NewsList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={newsFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      // the tabs show even when the unit has nothing of its own: what came from above is one click away
      empty={false}
    >
      <ContentSourceTabs>
        {(source) => (
          <ResponsiveDataTable
            rowClick={source === 'above' ? 'expand' : 'show'}
            expand={source === 'above' ? <NewsSummaryPanel /> : undefined}
            bulkActionButtons={source === 'own' ? <BulkStatusButtons resource="news" /> : false}
          >
            <Col source="title" />
            <Col source="category">
              <SelectField source="category" choices={newsCategoryChoices} />
            </Col>
            <Col source="committeeName" disableSort />
            <Col source="sourced" disableSort>
              <YesNoField source="sourced" />
            </Col>
            {source === 'own' && (
              <Col source="status">
                <ContentStatusField />
              </Col>
            )}
            <Col source="publishedAt">
              <LocaleDateField source="publishedAt" />
            </Col>
            <Col source="updatedAt">
              <LocaleDateField source="updatedAt" showTime />
            </Col>
          </ResponsiveDataTable>
        )}
      </ContentSourceTabs>
    </List>
  );
};
