import { ArrayInput, SimpleForm, SimpleFormIterator, TextInput, maxLength, required } from 'react-admin';
import { CommitteeInput } from '../documents/content';
import { LibraryDocumentsInput } from '../meetings/LibraryDocumentsInput';
import { VietnamMonthInput } from '../common/DateInputs';

const validateTitle = [required(), maxLength(500)];
const validateMonth = [
  required(),
  (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}/.test(value) ? undefined : 'ra.validation.required'),
];
const validateTopics = (topics: unknown[] | null | undefined) =>
  !topics || topics.length === 0 ? 'resources.meeting-guidance.validation.no_topics' : undefined;
/** The month's guidance: its topics, each with the library documents to study. */
export const GuidanceForm = ({ create = false }: { create?: boolean }) => (
  <SimpleForm>
    {create && <CommitteeInput source="committeeId" helperText="resources.meeting-guidance.committee_help" />}
    <VietnamMonthInput source="month" validate={validateMonth} />
    <TextInput source="title" validate={validateTitle} fullWidth />
    <ArrayInput source="topics" validate={validateTopics}>
      <SimpleFormIterator fullWidth disableClear>
        <TextInput source="title" label="resources.meeting-guidance.topic.title" validate={validateTitle} fullWidth />
        <TextInput source="description" label="resources.meeting-guidance.topic.description" multiline fullWidth />
        <LibraryDocumentsInput label="resources.meeting-guidance.topic.documents" />
      </SimpleFormIterator>
    </ArrayInput>
  </SimpleForm>
);
