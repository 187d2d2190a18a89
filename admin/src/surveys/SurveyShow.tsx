import CheckBoxIcon from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import RadioButtonCheckedIcon from '@mui/icons-material/RadioButtonChecked';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { Box, Chip, List as MuiList, ListItem, ListItemIcon, ListItemText, Stack, Typography } from '@mui/material';
import {
  DeleteWithConfirmButton,
  EditButton,
  Labeled,
  NumberField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocaleDateField } from '../common/LocaleDateField';
import { YesNoField } from '../common/YesNoField';
import type { Survey } from '../types';
import { isChoice, resultsVisibilityChoices } from './choices';
import { SurveyKindField, SurveyRespondentsField, SurveyStatusField } from './fields';
import { OpenCloseSurveyButton, SurveyResultsButton } from './SurveyActions';
import { ActionsToolbar } from '../common/ActionsToolbar';

const SurveyTitle = () => {
  const record = useRecordContext<Survey>();
  return <span>{record?.title ?? ''}</span>;
};

/** A survey with answers is kept as a record (409 SURVEY_HAS_RESPONSES). */
const DeleteIfEmpty = () => {
  const record = useRecordContext<Survey>();
  if (!record || (record.respondents ?? 0) > 0) return null;
  return <DeleteWithConfirmButton mutationMode="pessimistic" />;
};

const ShowActions = () => (
  <ActionsToolbar>
    <OpenCloseSurveyButton />
    <SurveyResultsButton />
    <EditButton />
    <DeleteIfEmpty />
  </ActionsToolbar>
);

/** The questions as members will see them, numbered like the results. */
const QuestionsPreview = (_props: { label?: string }) => {
  const record = useRecordContext<Survey>();
  const translate = useTranslate();
  if (!record?.questions) return null;
  let number = 0;
  return (
    <Stack spacing={2} sx={{ maxWidth: 760 }}>
      {record.questions.map((question, index) => {
        if (question.type === 'section') {
          return (
            <Typography key={question.id ?? index} variant="h6" sx={{ pt: 1 }}>
              {question.text}
            </Typography>
          );
        }
        number += 1;
        return (
          <Box key={question.id ?? index}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="subtitle1">
                {number}. {question.text}
                {question.required && (
                  <Typography component="span" color="error">
                    {' *'}
                  </Typography>
                )}
              </Typography>
              <Chip size="small" variant="outlined" label={translate(`resources.surveys.question_types.${question.type}`)} />
              {record.kind === 'quiz' && isChoice(question.type) && (
                <Chip
                  size="small"
                  label={translate('resources.surveys.points_chip', {
                    smart_count: question.points ?? 1,
                  })}
                />
              )}
            </Stack>
            {isChoice(question.type) && (
              <MuiList dense disablePadding>
                {(question.options ?? []).map((option, optionIndex) => (
                  <ListItem key={option.id ?? optionIndex} sx={{ py: 0 }}>
                    <ListItemIcon sx={{ minWidth: 32 }}>
                      {/* as members see it: boxes for "Chọn nhiều", circles for "Chọn một"; the right answers ticked in green */}
                      {question.type === 'multiple' ? (
                        option.correct ? (
                          <CheckBoxIcon fontSize="small" color="success" data-testid="preview-checkbox" />
                        ) : (
                          <CheckBoxOutlineBlankIcon fontSize="small" data-testid="preview-checkbox" />
                        )
                      ) : option.correct ? (
                        <RadioButtonCheckedIcon fontSize="small" color="success" data-testid="preview-radio" />
                      ) : (
                        <RadioButtonUncheckedIcon fontSize="small" data-testid="preview-radio" />
                      )}
                    </ListItemIcon>
                    <ListItemText primary={option.text} />
                  </ListItem>
                ))}
              </MuiList>
            )}
          </Box>
        );
      })}
    </Stack>
  );
};

export const SurveyShow = () => (
  <Show title={<SurveyTitle />} actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="title" variant="h6" />
      <TextField source="description" emptyText="—" />
      <SurveyKindField source="kind" />
      <SurveyStatusField source="status" />
      <TextField source="committeeName" />
      <LocaleDateField source="opensAt" showTime emptyText="—" />
      <LocaleDateField source="closesAt" showTime emptyText="—" />
      <YesNoField source="anonymous" />
      <SelectField source="resultsVisibility" choices={resultsVisibilityChoices} />
      <NumberField source="passMark" emptyText="—" />
      <NumberField source="maxScore" emptyText="—" />
      <SurveyRespondentsField source="respondents" />
      <Labeled label="resources.surveys.fields.questions">
        <QuestionsPreview />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
