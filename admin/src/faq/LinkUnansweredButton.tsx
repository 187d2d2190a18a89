import LinkIcon from '@mui/icons-material/Link';
import { Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useId, useState, type MouseEvent } from 'react';
import {
  AutocompleteInput,
  Button,
  Form,
  ReferenceInput,
  SaveButton,
  required,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { fieldErrors } from '../common/errors';
import type { AppDataProvider } from '../dataProvider';
import { useNotifyApiError } from '../documents/content';
import type { UnansweredQuestion } from '../types';

/**
 * "Gắn vào câu hỏi có sẵn": answers an open question with an existing entry
 * (POST /faqs/unanswered/{id}/link). The asked wording becomes one of the
 * entry's keywords, so the same question is answered automatically next time.
 */
export const LinkUnansweredButton = () => {
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
    try {
      await dataProvider.linkUnansweredQuestion(String(record.id), String(values.faqId));
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return errors;
      notifyError(error);
      return undefined;
    }
    notify('resources.unanswered-questions.link.success', { type: 'success' });
    setOpen(false);
    refresh();
    return undefined;
  };

  const stop = (event: MouseEvent) => event.stopPropagation();

  return (
    <>
      <Button
        label="resources.unanswered-questions.link.button"
        onClick={(event: MouseEvent) => {
          stop(event);
          setOpen(true);
        }}
      >
        <LinkIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} onClick={stop} aria-labelledby={titleId} maxWidth="md" fullWidth>
        <Form onSubmit={submit} record={{}} defaultValues={{ faqId: null }}>
          <DialogTitle id={titleId}>{translate('resources.unanswered-questions.link.title')}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate('resources.unanswered-questions.link.intro', { text: record.text })}
            </Typography>
            <ReferenceInput source="faqId" reference="faqs">
              <AutocompleteInput
                label="resources.unanswered-questions.link.faq"
                optionText="question"
                filterToQuery={(q: string) => ({ q })}
                validate={required()}
                fullWidth
              />
            </ReferenceInput>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton label="resources.unanswered-questions.link.submit" icon={<LinkIcon />} />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
