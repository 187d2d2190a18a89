import { Box, Divider, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  email,
  maxLength,
  required,
  useRecordContext,
  useTranslate,
  type SimpleFormProps,
} from 'react-admin';
import { committeeOptionText } from '../committees/choices';
import { localIsoDate } from '../download';
import type { Member } from '../types';
import { activityHoldChoices, endStateChoices, genderChoices, notInstalledReasonChoices, statusChoices } from './choices';
import { VietnamDateInput } from '../common/DateInputs';
import { INVALID_DATE } from '../common/vietnamTime';

const filterToQuery = (q: string) => ({ q });

const addYears = (date: string, years: number) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const DATE_FIELDS = ['birthDate', 'admittedAt', 'officialAt', 'exemptedAt', 'activityHoldSince', 'endedAt'] as const;

/**
 * The register's rules (the API checks the same ones, in English): shown in
 * the UI language before the round trip. Messages are translation keys.
 */
export const validateMember = (values: Partial<Member>) => {
  const errors: Record<string, string> = {};
  const today = localIsoDate();
  for (const field of DATE_FIELDS) {
    const value = values[field];
    if (value === INVALID_DATE) {
      errors[field] = 'app.dates.invalid';
    } else if (value && value > today) {
      errors[field] = 'resources.members.validation.future';
    }
  }
  if (values.birthDate && values.admittedAt && !errors.admittedAt) {
    if (values.admittedAt < addYears(values.birthDate, 18) || values.admittedAt > addYears(values.birthDate, 61)) {
      errors.admittedAt = 'resources.members.validation.admitted_age';
    }
  }
  if (values.status === 'official') {
    if (!values.officialAt) {
      errors.officialAt = 'resources.members.validation.officialAt_required';
    } else if (values.admittedAt && values.officialAt < values.admittedAt) {
      errors.officialAt = 'resources.members.validation.officialAt_before_admitted';
    }
  } else if (values.status === 'probationary') {
    if (values.officialAt) {
      errors.officialAt = 'resources.members.validation.officialAt_probationary';
    }
    if (values.partyCardNumber) {
      errors.partyCardNumber = 'resources.members.validation.card_probationary';
    }
  }
  if (values.exempted && !values.exemptedAt) {
    errors.exemptedAt = 'resources.members.validation.exemptedAt_required';
  }
  if (values.activityHold && !values.activityHoldSince && !errors.activityHoldSince) {
    errors.activityHoldSince = 'resources.members.validation.activityHoldSince_required';
  }
  return errors;
};

/**
 * Hidden inputs keep their values: drop the exemption and end-state details
 * when the switch that shows them is off, so the record stays consistent.
 */
export const cleanMember = (values: Partial<Member>): Partial<Member> => {
  const out = { ...values };
  if (!out.exempted) {
    out.exemptedAt = null;
    out.exemptedReason = null;
  }
  if (!out.activityHold) {
    out.activityHold = null;
    out.activityHoldSince = null;
    out.activityHoldNote = null;
  }
  if ('endState' in out && !out.endState) {
    out.endState = null;
    out.endedAt = null;
    out.endReason = null;
  }
  return out;
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', mt: 1 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {translate(title)}
      </Typography>
      <Divider sx={{ mb: 1 }} />
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' },
          columnGap: 2,
        }}
      >
        {children}
      </Box>
    </Box>
  );
};

const requiredValidator = required();
const validateName = [required(), maxLength(255)];
const validateEmail = [email()];
const validateReason = [maxLength(500)];

/** The installed flag is set by the app; a reason only makes sense before. */
const NotInstalledReasonInput = () => {
  const record = useRecordContext<Member>();
  return (
    <SelectInput
      source="notInstalledReason"
      choices={notInstalledReasonChoices}
      disabled={!!record?.installedAt}
      helperText="resources.members.helpers.notInstalledReason"
    />
  );
};

/** No delete: the API keeps every record; leaving is an end state. */
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export interface MemberFormProps extends Omit<SimpleFormProps, 'children'> {
  /** The edit form also moves a member out of (or back into) the register. */
  withEndState?: boolean;
}

/** Inputs shared by the create and edit views, grouped as in the register. */
export const MemberForm = ({ withEndState, ...props }: MemberFormProps) => (
  <SimpleForm validate={validateMember} toolbar={<SaveOnlyToolbar />} {...props}>
    <Section title="resources.members.sections.identity">
      <TextInput source="fullName" validate={validateName} />
      <RadioButtonGroupInput source="gender" choices={genderChoices} validate={requiredValidator} />
      <VietnamDateInput source="birthDate" validate={requiredValidator} />
      <TextInput source="phone" />
      <TextInput source="email" type="email" validate={validateEmail} />
      <TextInput source="externalId" />
    </Section>
    <Section title="resources.members.sections.party">
      <ReferenceInput source="committeeId" reference="committees" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput
          optionText={committeeOptionText}
          filterToQuery={filterToQuery}
          validate={requiredValidator}
          helperText={withEndState ? 'resources.members.helpers.committeeId' : undefined}
        />
      </ReferenceInput>
      <SelectInput source="status" choices={statusChoices} validate={requiredValidator} />
      <VietnamDateInput source="admittedAt" validate={requiredValidator} />
      <VietnamDateInput source="officialAt" helperText="resources.members.helpers.officialAt" />
      <TextInput source="partyCardNumber" helperText="resources.members.helpers.partyCardNumber" />
    </Section>
    <Section title="resources.members.sections.exemption">
      <BooleanInput source="exempted" />
      <FormDataConsumer<Member>>
        {({ formData }) =>
          formData.exempted ? (
            <>
              <VietnamDateInput source="exemptedAt" />
              <TextInput source="exemptedReason" validate={validateReason} multiline />
            </>
          ) : null
        }
      </FormDataConsumer>
    </Section>
    <Section title="resources.members.sections.activityHold">
      <SelectInput
        source="activityHold"
        choices={activityHoldChoices}
        emptyText="resources.members.activity_holds.none"
        helperText="resources.members.helpers.activityHold"
      />
      <FormDataConsumer<Member>>
        {({ formData }) =>
          formData.activityHold ? (
            <>
              <VietnamDateInput source="activityHoldSince" />
              <TextInput
                source="activityHoldNote"
                validate={validateReason}
                multiline
                helperText="resources.members.helpers.activityHoldNote"
              />
            </>
          ) : null
        }
      </FormDataConsumer>
    </Section>
    <Section title="resources.members.sections.app">
      <NotInstalledReasonInput />
    </Section>
    {withEndState && (
      <Section title="resources.members.sections.end">
        <SelectInput
          source="endState"
          choices={endStateChoices}
          emptyText="resources.members.registers.current"
          helperText="resources.members.helpers.endState"
        />
        <FormDataConsumer<Member>>
          {({ formData }) =>
            formData.endState ? (
              <>
                <VietnamDateInput source="endedAt" helperText="resources.members.helpers.endedAt" />
                <TextInput source="endReason" validate={validateReason} multiline />
              </>
            ) : null
          }
        </FormDataConsumer>
      </Section>
    )}
  </SimpleForm>
);
