import { Divider, Tab, Tabs } from '@mui/material';
import { Fragment, type SyntheticEvent } from 'react';
import { AutocompleteInput, DataTable, List, ReferenceInput, SearchInput, useListContext, useTranslate } from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { committeeOptionText } from '../committees/choices';
import { CORRECTION_STATUSES, type Correction, type CorrectionStatus } from '../types';
import { CorrectionFieldsField, CorrectionStatusField } from './fields';
import { BulkDecisionButtons } from './DecisionButtons';
import { ListEmpty } from '../common/ListEmpty';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';

/** The list's own view (its first tab): not a filter the person set. */
const DEFAULT_FILTERS = { status: 'pending' };

const filterToQuery = (q: string) => ({ q });

const correctionFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.corrections.fields.q')} />,
  <ReferenceInput key="committeeId" source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText={committeeOptionText} filterToQuery={filterToQuery} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
];

const Col = DataTable.Col<Correction>;

/**
 * One tab per status, pending first (and by default): what waits for a
 * decision is what a secretary opens this page for.
 */
const TabbedCorrections = () => {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const translate = useTranslate();
  const status: CorrectionStatus = filterValues.status ?? 'pending';
  const change = (_event: SyntheticEvent, value: CorrectionStatus) => setFilters({ ...filterValues, status: value }, displayedFilters);
  return (
    <Fragment>
      <Tabs variant="fullWidth" value={status} onChange={change}>
        {CORRECTION_STATUSES.map((choice) => (
          <Tab key={choice} value={choice} label={translate(`resources.corrections.statuses.${choice}`)} />
        ))}
      </Tabs>
      <Divider />
      <ResponsiveDataTable
        empty={<ListEmpty defaults={DEFAULT_FILTERS} views={['status']} />}
        rowClick="show"
        bulkActionButtons={status === 'pending' ? <BulkDecisionButtons /> : false}
      >
        <Col source="memberName" disableSort />
        <Col source="committeeName" disableSort />
        <Col source="fields" disableSort>
          <CorrectionFieldsField />
        </Col>
        <Col source="createdAt">
          <LocaleDateField source="createdAt" showTime />
        </Col>
        <Col source="status" disableSort>
          <CorrectionStatusField />
        </Col>
        {status !== 'pending' && (
          <Col source="decidedAt">
            <LocaleDateField source="decidedAt" showTime />
          </Col>
        )}
      </ResponsiveDataTable>
    </Fragment>
  );
};

/** Members' requests to correct their record, in the caller's scope. */
export const CorrectionList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={correctionFilters(translate)}
      filterDefaultValues={DEFAULT_FILTERS}
      sort={{ field: 'createdAt', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <TabbedCorrections />
    </List>
  );
};
