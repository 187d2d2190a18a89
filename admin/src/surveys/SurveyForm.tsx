import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button as MuiButton, Divider, Typography } from '@mui/material';
import {
  ArrayInput,
  BooleanInput,
  FormDataConsumer,
  NumberInput,
  RadioButtonGroupInput,
  SelectInput,
  DeleteWithConfirmButton,
  SaveButton,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  maxLength,
  minValue,
  required,
  useRecordContext,
  useTranslate,
  type SimpleFormProps,
} from 'react-admin';
import { CommitteeInput, homeCommitteeId } from '../documents/content';
import type { Survey } from '../types';
import { isChoice, questionTypeChoices, quizTotal, resultsVisibilityChoices, surveyKindChoices } from './choices';
import { VietnamDateTimeInput } from '../common/DateInputs';

// Limits of the API's CreateSurveyDto.
const validateTitle = [required(), maxLength(500)];
const validateDescription = [maxLength(10000)];
const validateQuestionText = [required(), maxLength(2000)];
const validateOptionText = [required(), maxLength(1000)];
const requiredValidator = required();
const validatePoints = [minValue(0)];
const validateSelections = [minValue(0)];
const validatePassMark = [required(), minValue(0)];

const validateQuestions = (questions: unknown[] | null | undefined) =>
  !questions || questions.length === 0
    ? 'resources.surveys.validation.no_questions'
    : questions.length > 200
      ? { message: 'resources.surveys.validation.too_many_questions', args: { max: 200 } }
      : undefined;

const validateOptions = (options: unknown[] | null | undefined) =>
  !options || options.length < 2
    ? 'resources.surveys.validation.two_options'
    : options.length > 50
      ? { message: 'resources.surveys.validation.too_many_options', args: { max: 50 } }
      : undefined;

/**
 * SimpleFormIterator's add button with its words ("Thêm câu hỏi"), not a bare ⊕; the iterator gives
 * it its onClick.
 */
const AddLabelled = ({ label, onClick }: { label: string; onClick?: () => void }) => {
  const translate = useTranslate();
  return (
    <MuiButton size="small" variant="outlined" startIcon={<AddIcon />} onClick={onClick}>
      {translate(label)}
    </MuiButton>
  );
};

/** The options of a choice question; "correct" flags in a quiz. */
const OptionsInput = ({ quiz }: { quiz: boolean }) => (
  <ArrayInput source="options" label="resources.surveys.builder.options" validate={validateOptions}>
    <SimpleFormIterator inline disableClear addButton={<AddLabelled label="resources.surveys.builder.add_option" />}>
      <TextInput source="text" label="resources.surveys.builder.option_text" validate={validateOptionText} sx={{ minWidth: 320 }} />
      {quiz && <BooleanInput source="correct" label="resources.surveys.builder.correct" helperText={false} />}
    </SimpleFormIterator>
  </ArrayInput>
);

/** What a question takes besides its text, type and "required". */
const QuestionDetails = () => (
  <FormDataConsumer>
    {({ formData, scopedFormData }) => {
      const type = scopedFormData?.type;
      const quiz = formData?.kind === 'quiz';
      if (!isChoice(type)) return null;
      return (
        <Box sx={{ width: '100%' }}>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            {type === 'multiple' && (
              <>
                <NumberInput
                  source="minSelections"
                  label="resources.surveys.builder.minSelections"
                  validate={validateSelections}
                  helperText="resources.surveys.builder.minSelections_helper"
                  min={0}
                  step={1}
                />
                <NumberInput
                  source="maxSelections"
                  label="resources.surveys.builder.maxSelections"
                  validate={validateSelections}
                  helperText="resources.surveys.builder.maxSelections_helper"
                  min={1}
                  step={1}
                />
              </>
            )}
            {quiz && (
              <NumberInput
                source="points"
                label="resources.surveys.builder.points"
                validate={validatePoints}
                helperText="resources.surveys.builder.points_helper"
                min={0}
                max={1000}
                step={1}
              />
            )}
          </Box>
          <OptionsInput quiz={quiz} />
        </Box>
      );
    }}
  </FormDataConsumer>
);

/** "Required" makes no sense for a section heading. */
const RequiredInput = () => (
  <FormDataConsumer>
    {({ scopedFormData }) =>
      scopedFormData?.type === 'section' ? null : (
        <BooleanInput source="required" label="resources.surveys.builder.required" helperText={false} defaultValue />
      )
    }
  </FormDataConsumer>
);

/**
 * The question builder: blocks in order, each with a type; choice questions
 * get options (and, in a quiz, points and the right answers).
 */
const QuestionsInput = () => {
  const translate = useTranslate();
  return (
    <ArrayInput source="questions" label="resources.surveys.builder.title" validate={validateQuestions}>
      <SimpleFormIterator
        disableClear
        addButton={<AddLabelled label="resources.surveys.builder.add_question" />}
        getItemLabel={(index) => translate('resources.surveys.builder.item', { n: index + 1 })}
        sx={{
          '& .RaSimpleFormIterator-line': {
            borderBottom: 1,
            borderColor: 'divider',
            pb: 2,
            mb: 2,
          },
        }}
      >
        <TextInput source="text" label="resources.surveys.builder.text" validate={validateQuestionText} multiline fullWidth />
        <SelectInput
          source="type"
          label="resources.surveys.builder.type"
          choices={questionTypeChoices}
          validate={requiredValidator}
          defaultValue="single"
        />
        <RequiredInput />
        <QuestionDetails />
      </SimpleFormIterator>
    </ArrayInput>
  );
};

/** The pass mark of a quiz, with the total it is measured against. */
const QuizInputs = () => {
  const translate = useTranslate();
  return (
    <FormDataConsumer>
      {({ formData }) =>
        formData?.kind === 'quiz' && (
          <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2 }}>
            <NumberInput source="passMark" validate={validatePassMark} min={0} step={1} helperText="resources.surveys.helpers.passMark" />
            <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
              {translate('resources.surveys.builder.total_points', {
                total: quizTotal(formData.questions ?? []),
              })}
            </Typography>
          </Box>
        )
      }
    </FormDataConsumer>
  );
};

/** Once answers came in, the structure is fixed: say so before the 409. */
const LockedNotice = () => {
  const record = useRecordContext<Survey>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.status === 'closed') {
    return (
      <Alert severity="warning" sx={{ mb: 2, width: '100%' }}>
        {translate('resources.surveys.locked.closed')}
      </Alert>
    );
  }
  if ((record.respondents ?? 0) > 0) {
    return (
      <Alert severity="warning" sx={{ mb: 2, width: '100%' }}>
        {translate('resources.surveys.locked.responses', {
          smart_count: record.respondents,
        })}
      </Alert>
    );
  }
  return null;
};

/** A survey with answers is a record of the campaign: no delete button then. */
const SurveyToolbar = () => {
  const record = useRecordContext<Survey>();
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {/* an anonymous survey with fewer than k answers says null: the server refuses the delete if any */}
      {record?.id != null && (record.respondents === 0 || record.respondentsSuppressed) && (
        <DeleteWithConfirmButton mutationMode="pessimistic" />
      )}
    </Toolbar>
  );
};

/**
 * Anonymity and results visibility: fixed once the survey is opened (409 SURVEY_PRIVACY_LOCKED),
 * so shown read-only then.
 */
const PrivacyInputs = () => {
  const record = useRecordContext<Survey>();
  const locked = record?.id != null && record.status !== 'draft';
  const helper = (key: string) => (locked ? 'resources.surveys.helpers.privacy_locked' : key);
  return (
    <>
      <BooleanInput source="anonymous" disabled={locked} helperText={helper('resources.surveys.helpers.anonymous')} />
      <RadioButtonGroupInput
        source="resultsVisibility"
        choices={resultsVisibilityChoices}
        disabled={locked}
        helperText={helper('resources.surveys.helpers.resultsVisibility')}
      />
    </>
  );
};

/** Inputs shared by the create and edit views. */
export const SurveyForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm
    defaultValues={{
      kind: 'survey',
      committeeId: homeCommitteeId(),
      anonymous: false,
      resultsVisibility: 'after_close',
      questions: [],
    }}
    toolbar={<SurveyToolbar />}
    {...props}
  >
    <LockedNotice />
    <TextInput source="title" validate={validateTitle} fullWidth />
    <TextInput source="description" validate={validateDescription} multiline minRows={2} fullWidth />
    <RadioButtonGroupInput source="kind" choices={surveyKindChoices} helperText="resources.surveys.helpers.kind" />
    <CommitteeInput helperText="resources.surveys.helpers.committeeId" />
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
      <VietnamDateTimeInput source="opensAt" helperText="resources.surveys.helpers.opensAt" />
      <VietnamDateTimeInput source="closesAt" helperText="resources.surveys.helpers.closesAt" />
    </Box>
    <PrivacyInputs />
    <QuizInputs />
    <Divider flexItem sx={{ my: 2 }} />
    <QuestionsInput />
  </SimpleForm>
);
