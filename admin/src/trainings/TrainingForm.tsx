import { NumberInput, SimpleForm, TextInput, maxLength, minValue, required, type SimpleFormProps } from 'react-admin';
import { CommitteeInput, homeCommitteeId } from '../documents/content';
import { localIsoDate } from '../download';
import { VietnamDateInput } from '../common/DateInputs';

// Limits of the API's CreateTrainingDto.
const notInFuture = (value: string | null | undefined) =>
  value && value > localIsoDate() ? 'resources.trainings.validation.future' : undefined;
const validateHeldOn = [required(), notInFuture];
const validateTopic = [required(), maxLength(500)];
const validateLocation = [maxLength(255)];
const validateNotes = [maxLength(5000)];
const validateAttendees = [required(), minValue(0)];

/** Inputs shared by the create and edit views. */
export const TrainingForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm defaultValues={{ committeeId: homeCommitteeId(), heldOn: localIsoDate() }} {...props}>
    <VietnamDateInput source="heldOn" validate={validateHeldOn} />
    <CommitteeInput helperText="resources.trainings.helpers.committeeId" />
    <TextInput source="topic" validate={validateTopic} fullWidth />
    <TextInput source="location" validate={validateLocation} fullWidth />
    <NumberInput source="attendees" validate={validateAttendees} min={0} step={1} />
    <TextInput source="notes" validate={validateNotes} multiline minRows={3} fullWidth />
  </SimpleForm>
);
