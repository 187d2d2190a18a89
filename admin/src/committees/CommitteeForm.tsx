import { InputAdornment } from '@mui/material';
import {
  AutocompleteInput,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  required,
  useRecordContext,
  type RaRecord,
  type SimpleFormProps,
  type Validator,
} from 'react-admin';
import type { Committee } from '../types';
import { committeeOptionText, kindChoices, phaseChoices } from './choices';
import { VietnamDateInput } from '../common/DateInputs';

const filterToQuery = (q: string) => ({ q });

/* targetInstallRate is stored as 0..1 and edited as a percentage. */
// NumberInput hands over the field value after useInput's own format, which
// turns null into '': both mean "no target".
const percentFormat = (value: number | string | null | undefined) => {
  if (value == null || value === '') return '';
  const rate = Number(value);
  return Number.isNaN(rate) ? '' : String(Math.round(rate * 10000) / 100);
};

const percentParse = (value: number | string | null | undefined) => {
  if (value == null || value === '') return null;
  const percent = typeof value === 'number' ? value : parseFloat(value);
  return Number.isNaN(percent) ? null : Math.round(percent * 100) / 10000;
};

const validateRate: Validator = (value: number | null | undefined) => {
  if (value == null) return undefined;
  if (value < 0) return { message: 'ra.validation.minValue', args: { min: 0 } };
  if (value > 1) return { message: 'ra.validation.maxValue', args: { max: 100 } };
  return undefined;
};

// Limits from the API's CreateCommitteeDto; the server checks the rest
// (uniqueness, allowed characters of the code).
const validateName = [required(), maxLength(255)];
const validateCode = [required(), maxLength(64)];
const requiredValidator = required();

/** The parent picker: a committee cannot move under itself or a descendant. */
const ParentInput = () => {
  const record = useRecordContext<Committee>();
  const isSelfOrDescendant = (option: RaRecord) =>
    record?.id != null &&
    (option.id === record.id || (!!record.path && typeof option.path === 'string' && option.path.startsWith(`${record.path}.`)));
  return (
    <ReferenceInput source="parentId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput
        optionText={committeeOptionText}
        filterToQuery={filterToQuery}
        getOptionDisabled={isSelfOrDescendant}
        helperText="resources.committees.helpers.parentId"
        fullWidth
      />
    </ReferenceInput>
  );
};

/** Inputs shared by the create and edit views. */
export const CommitteeForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm {...props}>
    <TextInput source="name" validate={validateName} fullWidth />
    <TextInput source="code" validate={validateCode} helperText="resources.committees.helpers.code" />
    <SelectInput source="kind" choices={kindChoices} validate={requiredValidator} />
    <ParentInput />
    <SelectInput source="phase" choices={phaseChoices} />
    <VietnamDateInput source="phaseStartedAt" />
    <NumberInput
      source="targetInstallRate"
      format={percentFormat}
      parse={percentParse}
      validate={validateRate}
      min={0}
      max={100}
      step="any"
      helperText="resources.committees.helpers.targetInstallRate"
      slotProps={{
        input: {
          endAdornment: <InputAdornment position="end">%</InputAdornment>,
        },
      }}
    />
  </SimpleForm>
);
