import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  NumberField,
  SearchInput,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { ContentSourceTabs } from '../common/ContentSourceTabs';
import { LocaleDateField } from '../common/LocaleDateField';
import { CommitteeInput } from '../documents/content';
import type { Survey } from '../types';
import { surveyKindChoices, surveyStatusChoices } from './choices';
import { SurveyKindField, SurveyRespondentsField, SurveyStatusField } from './fields';
import { ResponsiveDataTable } from '../common/ResponsiveDataTable';
import { ActionsToolbar } from '../common/ActionsToolbar';

const surveyFilters = (translate: (key: string) => string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.surveys.fields.q')} />,
  <SelectInput key="kind" source="kind" choices={surveyKindChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={surveyStatusChoices} alwaysOn />,
  <CommitteeInput key="committeeId" source="committeeId" isRequired={false} />,
  <NullableBooleanInput key="anonymous" source="anonymous" nullLabel="app.any" trueLabel="app.yes" falseLabel="app.no" />,
];

const ListActions = () => (
  <ActionsToolbar>
    <FilterButton />
    <CreateButton />
  </ActionsToolbar>
);

const Col = DataTable.Col<Survey>;

/** Surveys and quizzes (khảo sát, kiểm tra) of the caller's subtree, and those sent from above (read only). */
export const SurveyList = () => {
  const translate = useTranslate();
  return (
    <List
      filters={surveyFilters(translate)}
      actions={<ListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      // the tabs show even when the unit has nothing of its own: what came from above is one click away
      empty={false}
    >
      <ContentSourceTabs>
        {(source) => (
          <ResponsiveDataTable rowClick={source === 'above' ? false : 'show'} bulkActionButtons={false}>
            <Col source="title" />
            <Col source="kind">
              <SurveyKindField />
            </Col>
            <Col source="status">
              <SurveyStatusField />
            </Col>
            <Col source="committeeName" disableSort />
            <Col source="opensAt">
              <LocaleDateField source="opensAt" showTime emptyText="—" />
            </Col>
            <Col source="closesAt">
              <LocaleDateField source="closesAt" showTime emptyText="—" />
            </Col>
            <Col source="questionCount" disableSort align="right">
              <NumberField source="questionCount" />
            </Col>
            <Col source="respondents" disableSort align="right">
              <SurveyRespondentsField source="respondents" />
            </Col>
          </ResponsiveDataTable>
        )}
      </ContentSourceTabs>
    </List>
  );
};
