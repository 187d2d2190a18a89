import AddTaskIcon from '@mui/icons-material/AddTask';
import { Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useId, useState, type MouseEvent } from 'react';
import {
  BooleanInput,
  Button,
  Form,
  SaveButton,
  TextArrayInput,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { fieldErrors } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import { CommitteeInput, homeCommitteeId, useNotifyApiError } from '../documents/content';
import type { ConvertUnansweredPayload, UnansweredQuestion } from '../types';
import { FaqAnswerInput, validateCategory, validateKeywords, validateQuestion } from './FaqForm';

/**
 * "Tạo câu hỏi thường gặp": turns an open question into a FAQ entry in one
 * step (POST /faqs/unanswered/{id}/convert). The dialog starts from the
 * question as asked; the asked wording is kept as a keyword by the server.
 */
export const ConvertUnansweredButton = () => {
  const record = useRecordContext<UnansweredQuestion>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const refresh = useRefresh();
  const translate = useTranslate();
  const titleId = useId();
  const [open, setOpen] = useState(false);

  if (!record || record.status !== 'open') return null;

  const submit = async (values: Record<string, any>) => {
    const payload: ConvertUnansweredPayload = {
      question: values.question,
      answer: values.answer,
      category: values.category,
      keywords: values.keywords ?? [],
      committeeId: Number(values.committeeId),
      published: !!values.published,
    };
    try {
      await dataProvider.convertUnansweredQuestion(String(record.id), payload);
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return errors;
      notifyError(error);
      return undefined;
    }
    notify('resources.unanswered-questions.convert.success', { type: 'success' });
    setOpen(false);
    refresh();
    return undefined;
  };

  const stop = (event: MouseEvent) => event.stopPropagation();

  return (
    <>
      <Button
        label="resources.unanswered-questions.convert.button"
        onClick={(event: MouseEvent) => {
          stop(event);
          setOpen(true);
        }}
      >
        <AddTaskIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} onClick={stop} aria-labelledby={titleId} maxWidth="md" fullWidth>
        <Form
          onSubmit={submit}
          record={{}}
          defaultValues={{
            question: record.text,
            answer: '',
            category: '',
            keywords: [],
            committeeId: homeCommitteeId(),
            published: true,
          }}
        >
          <DialogTitle id={titleId}>{translate('resources.unanswered-questions.convert.title')}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate('resources.unanswered-questions.convert.intro', {
                smart_count: record.timesAsked,
              })}
            </Typography>
            <TextInput source="question" label="resources.faqs.fields.question" validate={validateQuestion} fullWidth />
            <FaqAnswerInput />
            <TextInput
              source="category"
              label="resources.faqs.fields.category"
              validate={validateCategory}
              helperText="resources.faqs.helpers.category"
            />
            <TextArrayInput
              source="keywords"
              label="resources.faqs.fields.keywords"
              validate={validateKeywords}
              helperText="resources.unanswered-questions.convert.keywords_helper"
              fullWidth
            />
            <CommitteeInput label="resources.faqs.fields.committeeId" helperText="resources.faqs.helpers.committeeId" />
            <BooleanInput source="published" label="resources.faqs.fields.published" helperText="resources.faqs.helpers.published" />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="resources.unanswered-questions.convert.submit" icon={<AddTaskIcon />} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
