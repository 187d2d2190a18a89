import CloseIcon from '@mui/icons-material/Close';
import QuizIcon from '@mui/icons-material/QuestionAnswer';
import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Box,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useId, useState, type FormEvent } from 'react';
import { Button, useDataProvider, useLocaleState, useRefresh, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../dataProvider';
import { useNotifyApiError } from '../documents/content';
import { intlLocale } from '../i18n';
import type { FaqAnswer } from '../types';

/**
 * "Thử hỏi": asks GET /faqs/answer as a member would, and shows the answer
 * (or the suggestions) the app would give. The API answers from the entries
 * of the caller's committee chain, so a member of a branch may also get the
 * branch's own entries. A question without an answer is queued for editors
 * like a member's.
 */
export const TryQuestionButton = () => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notifyError = useNotifyApiError();
  const refresh = useRefresh();
  const [locale] = useLocaleState();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [question, setQuestion] = useState('');
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<FaqAnswer | null>(null);

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (question.trim().length === 0) return;
    setLoading(true);
    try {
      const answer = await dataProvider.answerFaq(question.trim());
      setResult(answer);
      // an unanswered try has joined the queue
      if (!answer.answered) refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setLoading(false);
    }
  };

  const score = (value: number) =>
    value.toLocaleString(intlLocale(locale), {
      style: 'percent',
      maximumFractionDigits: 0,
    });

  return (
    <>
      <Button label="resources.faqs.try.button" onClick={() => setOpen(true)}>
        <QuizIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby={titleId} maxWidth="md" fullWidth>
        <DialogTitle id={titleId}>{translate('resources.faqs.try.title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('resources.faqs.try.intro')}
          </Typography>
          <Box component="form" onSubmit={ask} sx={{ display: 'flex', gap: 1 }}>
            <TextField
              autoFocus
              fullWidth
              size="small"
              label={translate('resources.faqs.try.question')}
              value={question}
              onChange={(event) => setQuestion(event.target.value)}
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
            <Button type="submit" variant="contained" label="resources.faqs.try.ask" disabled={loading || question.trim().length === 0}>
              {loading ? <CircularProgress size={16} /> : <SendIcon />}
            </Button>
          </Box>
          {result && (
            <Stack spacing={2} sx={{ mt: 2 }} data-testid="faq-try-result">
              {result.answered ? (
                <Alert severity="success">{translate('resources.faqs.try.answered')}</Alert>
              ) : (
                <Alert severity="warning">
                  {translate(result.matches.length > 0 ? 'resources.faqs.try.suggestions' : 'resources.faqs.try.no_answer')}
                </Alert>
              )}
              {result.matches.map((match, index) => (
                <Box key={match.id}>
                  {index > 0 && <Divider sx={{ mb: 2 }} />}
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Typography variant="subtitle1" sx={{ flex: 1 }}>
                      {match.question}
                    </Typography>
                    <Chip
                      size="small"
                      color={result.answered && index === 0 ? 'success' : 'default'}
                      label={translate('resources.faqs.try.score', {
                        score: score(match.score),
                      })}
                    />
                  </Stack>
                  {(result.answered ? index === 0 : false) && (
                    <Box
                      sx={{ mt: 1 }}
                      // sanitised by the API on save
                      dangerouslySetInnerHTML={{ __html: match.answer }}
                    />
                  )}
                </Box>
              ))}
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setOpen(false)}>
            <CloseIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
