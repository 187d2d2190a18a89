import {
  RadioButtonGroupInput,
  SelectInput,
  SimpleForm,
  TextArrayInput,
  TextInput,
  maxLength,
  required,
  type SimpleFormProps,
} from 'react-admin';
import { documentTypeChoices } from './choices';
import { CommitteeInput, contentStatusChoices, homeCommitteeId } from './content';
import { VietnamDateInput } from '../common/DateInputs';

// Limits of the API's CreateDocumentDto.
const validateTitle = [required(), maxLength(500)];
const validateNumber = [maxLength(100)];
const validateIssuingBody = [required(), maxLength(255)];
const validateSummary = [maxLength(20000)];
const requiredValidator = required();
const validateTags = (tags: string[] | null | undefined) =>
  tags?.some((tag) => tag.trim().length === 0 || tag.length > 50) ? 'resources.documents.validation.tag_length' : undefined;

/** The summary is a string on the server, never null. */
const keepEmpty = (value: string | null) => value ?? '';

/** Inputs shared by the create and edit views (the file is on the show page). */
export const DocumentForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm
    defaultValues={{
      status: 'draft',
      type: 'resolution',
      committeeId: homeCommitteeId(),
      tags: [],
      summary: '',
    }}
    {...props}
  >
    <TextInput source="title" validate={validateTitle} fullWidth multiline />
    <TextInput source="number" validate={validateNumber} helperText="resources.documents.helpers.number" />
    <SelectInput source="type" choices={documentTypeChoices} validate={requiredValidator} />
    <TextInput source="issuingBody" validate={validateIssuingBody} fullWidth helperText="resources.documents.helpers.issuingBody" />
    <VietnamDateInput source="issuedOn" />
    <TextInput source="summary" validate={validateSummary} parse={keepEmpty} multiline minRows={3} fullWidth />
    <TextArrayInput source="tags" validate={validateTags} helperText="resources.documents.helpers.tags" fullWidth />
    <CommitteeInput helperText="resources.documents.helpers.committeeId" />
    <RadioButtonGroupInput source="status" choices={contentStatusChoices} helperText="resources.documents.helpers.status" />
  </SimpleForm>
);
