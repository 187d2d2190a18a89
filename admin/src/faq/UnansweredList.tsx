import { Chip, Link as MuiLink } from '@mui/material';
import { DataTable, FilterButton, Link, List, SearchInput, SelectInput, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { CommitteeInput } from '../documents/content';
import { UNANSWERED_STATUSES, type UnansweredQuestion, type UnansweredStatus } from '../types';
import { ConvertUnansweredButton } from './ConvertUnansweredButton';
import { DismissUnansweredButton } from './DismissUnansweredButton';
import { LinkUnansweredButton } from './LinkUnansweredButton';
import { TryQuestionButton } from './TryQuestionButton';
import { ListEmpty } from '../common/ListEmpty';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';

/** The list's own view (its first tab): not a filter the person set. */
const DEFAULT_FILTERS = { status: 'open' };

const statusChoices = UNANSWERED_STATUSES.map((id) => ({
  id,
  name: `resources.unanswered-questions.statuses.${id}`,
}));

const STATUS_COLORS: Record<UnansweredStatus, 'warning' | 'success' | 'default'> = {
  open: 'warning',
  converted: 'success',
  dismissed: 'default',
};

const filters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.unanswered-questions.fields.q')} />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
];

const StatusField = (_props: { label?: string }) => {
  const record = useRecordContext<UnansweredQuestion>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!record) return null;
  const chip = (
    <Chip size="small" color={STATUS_COLORS[record.status]} label={translate(`resources.unanswered-questions.statuses.${record.status}`)} />
  );
  if (record.status !== 'converted' || !record.faqId) return chip;
  return (
    <MuiLink component={Link} to={createPath({ resource: 'faqs', id: record.faqId, type: 'edit' })} underline="none">
      {chip}
    </MuiLink>
  );
};

const Actions = (_props: { label?: string }) => (
  <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'flex-start', whiteSpace: 'nowrap' }}>
    <ConvertUnansweredButton />
    <LinkUnansweredButton />
    <DismissUnansweredButton />
  </span>
);

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <TryQuestionButton />
  </ActionsToolbar>
);

const Col = DataTable.Col<UnansweredQuestion>;

/**
 * Questions members asked that the FAQ could not answer, most asked first:
 * turn one into an entry, or dismiss it.
 */
export const UnansweredList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={filters(translate)}
      filterDefaultValues={DEFAULT_FILTERS}
      actions={<ListActions />}
      sort={{ field: 'timesAsked', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <ResponsiveDataTable empty={<ListEmpty defaults={DEFAULT_FILTERS} />} rowClick={false} bulkActionButtons={false}>
        <Col source="text" />
        <Col source="timesAsked" align="right" />
        <Col source="committeeName" disableSort />
        <Col source="firstAskedAt">
          <LocaleDateField source="firstAskedAt" showTime />
        </Col>
        <Col source="lastAskedAt">
          <LocaleDateField source="lastAskedAt" showTime />
        </Col>
        <Col source="status">
          <StatusField />
        </Col>
        <Col label="resources.unanswered-questions.fields.actions">
          <Actions />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
