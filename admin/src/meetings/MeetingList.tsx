import TuneIcon from '@mui/icons-material/Tune';
import { Link } from 'react-router';
import { Button, CreateButton, DataTable, FilterButton, List, SelectInput, useTranslate } from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { CommitteeInput } from '../documents/content';
import { meetingKindChoices, meetingStatusChoices } from './choices';
import { MeetingKindField, MeetingStatusField, MonthField } from './fields';
import { MEETING_TEMPLATE_PATH } from './paths';
import { PlanMonthButton } from './PlanMonthButton';
import type { Meeting } from './types';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { VietnamMonthInput } from '../common/DateInputs';
import { ActionsToolbar } from '../common/ActionsToolbar';

const meetingFilters = [
  <SelectInput key="status" source="status" choices={meetingStatusChoices} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={meetingKindChoices} alwaysOn />,
  <VietnamMonthInput key="month" source="month" alwaysOn />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
];

const ListActions = () => (
  <ActionsToolbar>
    <PlanMonthButton />
    <Button component={Link} to={MEETING_TEMPLATE_PATH} label="resources.meetings.template.button">
      <TuneIcon />
    </Button>
    <FilterButton />
    <CreateButton />
  </ActionsToolbar>
);

const Col = DataTable.Col<Meeting>;

/** Branch meetings (sinh hoạt chi bộ) of the caller's subtree, the coming ones first. */
export const MeetingList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={meetingFilters}
      actions={<ListActions />}
      sort={{ field: 'month', order: 'DESC' }}
      perPage={25}
      exporter={false}
      // no empty page: it would hide 'Lập kế hoạch tháng', the way to the first meeting
      empty={false}
      title={translate('resources.meetings.name', { smart_count: 2 })}
    >
      <ResponsiveDataTable rowClick="show" bulkActionButtons={false}>
        <Col source="month">
          <MonthField />
        </Col>
        <Col source="title" />
        <Col source="kind" disableSort>
          <MeetingKindField />
        </Col>
        <Col source="status" disableSort>
          <MeetingStatusField />
        </Col>
        <Col source="committeeName" disableSort />
        <Col source="startsAt">
          <LocaleDateField source="startsAt" showTime emptyText="—" />
        </Col>
      </ResponsiveDataTable>
    </List>
  );
};
