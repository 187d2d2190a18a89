import AttachFileIcon from '@mui/icons-material/AttachFile';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ContentSourceTabs } from '../common/ContentSourceTabs';
import { LocaleDateField } from '../common/LocaleDateField';
import type { PartyDocument } from '../types';
import { documentTypeChoices } from './choices';
import { CommitteeInput, contentStatusChoices, ContentStatusField } from './content';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';
import { BulkStatusButtons } from '../common/BulkStatusButtons';
import { ListExportButton } from '../common/ExportMenu';

const documentFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.documents.fields.q')} />,
  <SelectInput key="type" source="type" choices={documentTypeChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={contentStatusChoices} alwaysOn />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
  <TextInput key="tag" source="tag" />,
];

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
    <ListExportButton list="documents" />
  </ActionsToolbar>
);

/** A paper clip when the document has a file. */
const FileIndicator = () => {
  const record = useRecordContext<PartyDocument>();
  const translate = useTranslate();
  if (!record?.file) return null;
  return (
    <AttachFileIcon
      fontSize="small"
      color="action"
      titleAccess={translate('resources.documents.file.attached', {
        name: record.file.name,
      })}
    />
  );
};

const Col = DataTable.Col<PartyDocument>;

/** A document from above is read, not edited: its summary opens under its row. */
const DocumentSummaryPanel = () => <TextField source="summary" emptyText="—" />;

/** Documents (văn bản) of the caller's subtree, newest first, and those the committees above sent its members (read only). */
export const DocumentList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={documentFilters(translate)}
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
            expand={source === 'above' ? <DocumentSummaryPanel /> : undefined}
            bulkActionButtons={source === 'own' ? <BulkStatusButtons resource="documents" /> : false}
          >
            <Col source="title" />
            <Col source="number" />
            <Col source="type">
              <SelectField source="type" choices={documentTypeChoices} />
            </Col>
            <Col source="issuingBody" disableSort />
            <Col source="issuedOn">
              <LocaleDateField source="issuedOn" dateOnly />
            </Col>
            {source === 'own' ? (
              <Col source="status">
                <ContentStatusField />
              </Col>
            ) : (
              <Col source="committeeName" disableSort />
            )}
            <Col source="publishedAt">
              <LocaleDateField source="publishedAt" />
            </Col>
            <Col source="file" disableSort label="resources.documents.fields.file">
              <FileIndicator />
            </Col>
          </ResponsiveDataTable>
        )}
      </ContentSourceTabs>
    </List>
  );
};
