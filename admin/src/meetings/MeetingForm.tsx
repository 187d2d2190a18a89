import { Box, Typography } from '@mui/material';
import {
  ArrayInput,
  AutocompleteInput,
  FormDataConsumer,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  required,
  useTranslate,
} from 'react-admin';
import { CommitteeInput } from '../documents/content';
import { meetingKindChoices } from './choices';
import { LibraryDocumentsInput } from './LibraryDocumentsInput';
import { VietnamDateTimeInput, VietnamMonthInput } from '../common/DateInputs';

// Limits of the API's meeting body (the entity's column sizes).
const validateTitle = [required(), maxLength(500)];
const validatePlace = [maxLength(500)];
const validateUrl = [maxLength(1000)];
const validateMonth = [
  required(),
  (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value) ? undefined : 'ra.validation.required'),
];
const validateItemTitle = [required(), maxLength(500)];
const validatePresenterName = [maxLength(255)];

const filterToQuery = (q: string) => ({ q });

/** The agenda item's presenter: a member of the meeting's committee, or a name typed in. */
const PresenterInput = () => (
  <FormDataConsumer>
    {({ formData }) => (
      <ReferenceInput
        source="presenterMemberId"
        reference="members"
        filter={formData?.committeeId ? { committeeId: formData.committeeId } : {}}
        sort={{ field: 'fullName', order: 'ASC' }}
      >
        <AutocompleteInput
          label="resources.meetings.agenda.presenterMemberId"
          optionText="fullName"
          filterToQuery={filterToQuery}
          helperText={false}
          sx={{ minWidth: 260 }}
        />
      </ReferenceInput>
    )}
  </FormDataConsumer>
);

/**
 * A meeting's details and its ordered agenda (items move up and down), each item with the library
 * documents the branch may read (LibraryDocumentsInput); papers of its own are uploaded on the meeting page.
 */
export const MeetingForm = ({ create = false }: { create?: boolean }) => {
  const translate = useTranslate();
  return (
    <SimpleForm>
      {create && <CommitteeInput source="committeeId" />}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }}>
        <SelectInput source="kind" choices={meetingKindChoices} validate={required()} />
        <VietnamMonthInput source="month" validate={validateMonth} />
      </Box>
      <TextInput source="title" validate={validateTitle} fullWidth />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }}>
        <VietnamDateTimeInput source="startsAt" />
        <VietnamDateTimeInput source="endsAt" />
      </Box>
      <TextInput source="place" validate={validatePlace} fullWidth />
      <TextInput source="onlineUrl" type="url" validate={validateUrl} fullWidth />
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate('resources.meetings.agenda.title')}
      </Typography>
      <ArrayInput source="agenda" label={false}>
        <SimpleFormIterator fullWidth disableClear>
          <TextInput source="title" label="resources.meetings.agenda.item_title" validate={validateItemTitle} fullWidth />
          <TextInput source="description" label="resources.meetings.agenda.description" multiline fullWidth />
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', width: '100%' }}>
            <PresenterInput />
            <TextInput
              source="presenterName"
              label="resources.meetings.agenda.presenterName"
              helperText={false}
              validate={validatePresenterName}
            />
          </Box>
          <LibraryDocumentsInput label="resources.meetings.agenda.documents" />
        </SimpleFormIterator>
      </ArrayInput>
    </SimpleForm>
  );
};
