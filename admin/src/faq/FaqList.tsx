import InboxIcon from '@mui/icons-material/MoveToInbox';
import { Link } from 'react-router';
import {
  Button,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  RichTextField,
  SearchInput,
  TextInput,
  useTranslate,
} from 'react-admin';
import { ContentSourceTabs } from '../common/ContentSourceTabs';
import { LocaleDateField } from '../common/LocaleDateField';
import { ChipsField, CommitteeInput, PublishedField } from '../documents/content';
import { TryQuestionButton } from './TryQuestionButton';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';

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
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
    <TryQuestionButton />
    <UnansweredQueueButton />
  </ActionsToolbar>
);

const Col = DataTable.Col;

/** An entry from above is read, not edited: its answer opens under its row. */
const FaqAnswerPanel = () => <RichTextField source="answer" />;

/** The FAQ entries (câu hỏi thường gặp) of the caller's subtree, and those from above (read only). */
export const FaqList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={faqFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'updatedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      // the tabs show even when the unit has nothing of its own: what came from above is one click away
      empty={false}
    >
      <ContentSourceTabs>
        {(source) => (
          <ResponsiveDataTable
            rowClick={source === 'above' ? 'expand' : 'edit'}
            expand={source === 'above' ? <FaqAnswerPanel /> : undefined}
            bulkActionButtons={false}
          >
            <Col source="question" />
            <Col source="category" />
            <Col source="keywords" disableSort>
              <ChipsField source="keywords" />
            </Col>
            {source === 'own' && (
              <Col source="published">
                <PublishedField />
              </Col>
            )}
            <Col source="committeeName" disableSort />
            <Col source="updatedAt">
              <LocaleDateField source="updatedAt" showTime />
            </Col>
          </ResponsiveDataTable>
        )}
      </ContentSourceTabs>
    </List>
  );
};
