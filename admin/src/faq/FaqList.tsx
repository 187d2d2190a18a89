import InboxIcon from '@mui/icons-material/MoveToInbox';
import { Link } from 'react-router';
import {
  Button,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { ChipsField, CommitteeInput, PublishedField } from '../documents/content';
import { TryQuestionButton } from './TryQuestionButton';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

const faqFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.faqs.fields.q')} />,
  <TextInput key="category" source="category" />,
  <NullableBooleanInput key="published" source="published" nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" alwaysOn />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
];

export const UnansweredQueueButton = () => (
  <Button component={Link} to="/unanswered-questions" label="resources.faqs.open_unanswered">
    <InboxIcon />
  </Button>
);

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <TryQuestionButton />
    <UnansweredQueueButton />
  </TopToolbar>
);

const Col = DataTable.Col;

/** The FAQ entries (câu hỏi thường gặp) of the caller's subtree. */
export const FaqList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={faqFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <ResponsiveDataTable rowClick="edit" bulkActionButtons={false}>
        <Col source="question" />
        <Col source="category" />
        <Col source="keywords" disableSort>
          <ChipsField source="keywords" />
        </Col>
        <Col source="published">
          <PublishedField />
        </Col>
        <Col source="committeeName" disableSort />
        <Col source="updatedAt">
          <LocaleDateField source="updatedAt" showTime />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
