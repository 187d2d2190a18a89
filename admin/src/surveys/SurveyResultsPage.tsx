import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import RefreshIcon from '@mui/icons-material/Refresh';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Grid,
  List as MuiList,
  ListItem,
  ListItemText,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Title, useCreatePath, useDataProvider, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppDataProvider } from '../dataProvider';
import { useApiErrorText } from '../documents/content';
import { useNumberFormats } from '../common/numbers';
import type { SurveyQuestionResult, SurveyResults } from '../types';
import { formatVietnamDateTime } from '../common/vietnamTime';
import { SURVEY_STATUS_COLORS } from './choices';
import { ExportSurveyResultsButton } from './SurveyActions';

/**
 * The label of a figure an anonymous survey does not show (a group below the anonymity threshold,
 * SURVEY_ANONYMITY_K): "Ẩn (dưới k người trả lời)".
 */
const useSuppressedLabel = (results: SurveyResults) => {
  const translate = useTranslate();
  return translate('resources.surveys.results.suppressed', { k: results.anonymityThreshold ?? '' });
};

/**
 * Numbers and percentages in the dashboard's one format (common/numbers.ts). The API sends
 * percentages with one decimal: with the count and the whole, 1 answer of 10.003 reads "< 0,1%", not "0%".
 */
const useFormat = () => {
  const numbers = useNumberFormats();
  return {
    number: (value: number | null | undefined, digits = 0) => (value == null ? '—' : numbers.decimal(value, digits)),
    percent: (value: number | null | undefined, count?: number | null, whole?: number | null) =>
      value == null ? '—' : numbers.percentOf100(value, count ?? undefined, whole ?? undefined),
    dateTime: (value: string) => formatVietnamDateTime(value),
    /** YYYY-MM-DD as dd/mm, the way both locales write it. */
    day: (value: string) => {
      const [, month, dayOfMonth] = value.split('-');
      return `${dayOfMonth}/${month}`;
    },
  };
};

const Stat = ({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) => (
  <Card variant="outlined" sx={{ height: '100%' }}>
    <CardContent>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5" component="p">
        {value}
      </Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      )}
    </CardContent>
  </Card>
);

/** Truncate long option texts on the axis (the tooltip has them whole). */
const shorten = (text: string, max = 38) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One horizontal bar per option: count and percentage; right answers in green. */
const ChoiceChart = ({ question, quiz }: { question: SurveyQuestionResult; quiz: boolean }) => {
  const theme = useTheme();
  const format = useFormat();
  const translate = useTranslate();
  const data = (question.options ?? []).map((option) => ({
    name: shorten(option.text),
    full: option.text,
    count: option.count,
    percent: option.percent,
    correct: option.correct === true,
    label: `${format.number(option.count)} (${format.percent(option.percent, option.count, question.answered)})`,
  }));
  const height = Math.max(120, data.length * 44 + 30);
  return (
    <Box sx={{ width: '100%', height }} data-testid="survey-choice-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 128 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => format.number(v)} />
          <YAxis type="category" dataKey="name" width={220} />
          <Tooltip
            formatter={(_value, _name, item) => [
              (item?.payload as { label: string }).label,
              translate('resources.surveys.results.respondents'),
            ]}
            labelFormatter={(_label, payload) => (payload?.[0]?.payload as { full?: string } | undefined)?.full ?? ''}
          />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((entry) => (
              <Cell
                key={entry.full}
                fill={!quiz ? theme.palette.primary.main : entry.correct ? theme.palette.success.main : theme.palette.grey[500]}
              />
            ))}
            <LabelList dataKey="label" position="right" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};

/** The 1-5 distribution and the mean. */
const RatingChart = ({ question }: { question: SurveyQuestionResult }) => {
  const theme = useTheme();
  const format = useFormat();
  const translate = useTranslate();
  const data = (question.rating?.distribution ?? []).map((bucket) => ({
    name: `${bucket.value} ★`,
    count: bucket.count,
    label: `${format.number(bucket.count)} (${format.percent(bucket.percent, bucket.count, question.answered)})`,
  }));
  return (
    <Box>
      <Typography variant="body1" sx={{ mb: 1 }}>
        {translate('resources.surveys.results.average_rating', {
          average: format.number(question.rating?.average, 2),
        })}
      </Typography>
      <Box sx={{ width: '100%', height: 220 }} data-testid="survey-rating-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} tickFormatter={(v: number) => format.number(v)} />
            <Tooltip
              formatter={(_value, _name, item) => [
                (item?.payload as { label: string }).label,
                translate('resources.surveys.results.respondents'),
              ]}
            />
            <Bar dataKey="count" fill={theme.palette.warning.main} isAnimationActive={false}>
              <LabelList dataKey="label" position="top" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
};

const TextAnswers = ({ question, anonymous }: { question: SurveyQuestionResult; anonymous: boolean }) => {
  const translate = useTranslate();
  const answers = question.textAnswers ?? [];
  if (answers.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.surveys.results.no_text_answers')}
      </Typography>
    );
  }
  return (
    <Box>
      {(question.textAnswerCount ?? 0) > answers.length && (
        <Typography variant="caption" color="text.secondary">
          {translate('resources.surveys.results.text_truncated', {
            shown: answers.length,
            total: question.textAnswerCount,
          })}
        </Typography>
      )}
      <MuiList dense sx={{ maxHeight: 320, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
        {answers.map((answer, index) => (
          <ListItem key={index} divider={index < answers.length - 1}>
            <ListItemText
              primary={answer.text}
              secondary={anonymous ? undefined : [answer.memberName, answer.committeeName].filter(Boolean).join(' · ')}
              slotProps={{ primary: { sx: { whiteSpace: 'pre-line' } } }}
            />
          </ListItem>
        ))}
      </MuiList>
    </Box>
  );
};

const QuestionCard = ({ question, number, results }: { question: SurveyQuestionResult; number: number; results: SurveyResults }) => {
  const translate = useTranslate();
  const format = useFormat();
  const suppressed = useSuppressedLabel(results);
  const isChoice = question.type === 'single' || question.type === 'multiple';
  if (question.suppressed) {
    return (
      <Card variant="outlined" data-testid="survey-question-result">
        <CardContent>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {number}. {question.text}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="survey-suppressed">
            {suppressed}
          </Typography>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card variant="outlined" data-testid="survey-question-result">
      <CardContent>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
            {number}. {question.text}
          </Typography>
          <Chip size="small" variant="outlined" label={translate(`resources.surveys.question_types.${question.type}`)} />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('resources.surveys.results.answered_skipped', {
            answered: format.number(question.answered),
            skipped: format.number(question.skipped),
          })}
          {question.correctPercent != null &&
            ` · ${translate('resources.surveys.results.correct', {
              count: format.number(question.correctCount),
              percent: format.percent(question.correctPercent, question.correctCount, results.respondents),
            })}`}
        </Typography>
        {question.answered === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="survey-no-answers">
            {translate('resources.surveys.results.no_answers_question')}
          </Typography>
        ) : (
          <QuestionFigures question={question} results={results} isChoice={isChoice} />
        )}
      </CardContent>
    </Card>
  );
};

/** A question's charts or texts, once someone answered it. */
const QuestionFigures = ({
  question,
  results,
  isChoice,
}: {
  question: SurveyQuestionResult;
  results: SurveyResults;
  isChoice: boolean;
}) => {
  const translate = useTranslate();
  return (
    <>
      {isChoice && <ChoiceChart question={question} quiz={results.kind === 'quiz'} />}
      {question.type === 'multiple' && (
        <Typography variant="caption" color="text.secondary">
          {translate('resources.surveys.results.multiple_note')}
        </Typography>
      )}
      {question.type === 'rating' && <RatingChart question={question} />}
      {(question.type === 'short_text' || question.type === 'long_text') && (
        <TextAnswers question={question} anonymous={results.anonymous} />
      )}
    </>
  );
};

const QuizSummary = ({ results }: { results: SurveyResults }) => {
  const theme = useTheme();
  const translate = useTranslate();
  const format = useFormat();
  const quiz = results.quiz;
  if (!quiz || results.suppressed || results.respondents === 0) return null;
  const data = quiz.scoreDistribution.map((bucket) => ({
    name: String(bucket.score),
    count: bucket.count,
    passed: bucket.score >= quiz.passMark,
  }));
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6">{translate('resources.surveys.results.quiz_title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('resources.surveys.results.quiz_summary', {
            passed: format.number(quiz.passed),
            rate: format.percent(quiz.passRate, quiz.passed, results.respondents),
            average: format.number(quiz.averageScore, 2),
            max: quiz.maxScore,
            passMark: quiz.passMark,
          })}
        </Typography>
        <Box sx={{ width: '100%', height: 220 }} data-testid="survey-score-chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 20, bottom: 16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="name"
                label={{
                  value: translate('resources.surveys.results.score'),
                  position: 'insideBottom',
                  offset: -2,
                }}
              />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => format.number(v)} />
              <Tooltip />
              <Bar dataKey="count" name={translate('resources.surveys.results.respondents')} isAnimationActive={false}>
                {data.map((entry) => (
                  <Cell key={entry.name} fill={entry.passed ? theme.palette.success.main : theme.palette.grey[500]} />
                ))}
                <LabelList dataKey="count" position="top" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </Box>
      </CardContent>
    </Card>
  );
};

const ResponsesByDay = ({ results }: { results: SurveyResults }) => {
  const theme = useTheme();
  const translate = useTranslate();
  const format = useFormat();
  // an anonymous survey's days below the threshold are not shown (count null)
  const days = results.responsesByDay.filter((day) => !day.suppressed);
  if (days.length === 0) return null;
  const data = days.map((day) => ({
    name: format.day(day.date),
    count: day.count,
  }));
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6">{translate('resources.surveys.results.by_day')}</Typography>
        <Box sx={{ width: '100%', height: 200 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" />
              <YAxis allowDecimals={false} tickFormatter={(v: number) => format.number(v)} />
              <Tooltip />
              <Bar
                dataKey="count"
                name={translate('resources.surveys.results.respondents')}
                fill={theme.palette.info.main}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      </CardContent>
    </Card>
  );
};

const ParticipationTable = ({ results }: { results: SurveyResults }) => {
  const translate = useTranslate();
  const format = useFormat();
  const suppressed = useSuppressedLabel(results);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6">{translate('resources.surveys.results.participation')}</Typography>
        <Table size="small" data-testid="survey-participation">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.surveys.results.committee')}</TableCell>
              <TableCell align="right">{translate('resources.surveys.results.invited')}</TableCell>
              <TableCell align="right">{translate('resources.surveys.results.respondents')}</TableCell>
              <TableCell align="right">{translate('resources.surveys.results.rate')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {results.participation.map((row) => (
              <TableRow key={`${row.committeeId}-${row.own}`}>
                <TableCell>
                  {row.committeeName}
                  {row.own && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {` (${translate('resources.surveys.results.own_members')})`}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">{format.number(row.invited)}</TableCell>
                {row.suppressed ? (
                  <TableCell align="right" colSpan={2} sx={{ color: 'text.secondary' }}>
                    {suppressed}
                  </TableCell>
                ) : (
                  <>
                    <TableCell align="right">{format.number(row.respondents)}</TableCell>
                    <TableCell align="right">{format.percent(row.rate, row.respondents, row.invited)}</TableCell>
                  </>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};

/**
 * The results of a survey or quiz (GET /surveys/{id}/results): computed on
 * the server; this page only draws them.
 */
export const SurveyResultsPage = () => {
  const { id = '' } = useParams();
  const dataProvider = useDataProvider<AppDataProvider>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const errorText = useApiErrorText();
  const format = useFormat();
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: ['surveys', 'results', id],
    queryFn: () => dataProvider.getSurveyResults(id),
    retry: false,
  });

  const back = (
    <Button component={Link} to={createPath({ resource: 'surveys', id, type: 'show' })} label="resources.surveys.results.back">
      <ArrowBackIcon />
    </Button>
  );

  if (isPending) {
    return (
      <Box sx={{ p: 4, textAlign: 'center' }}>
        <CircularProgress />
      </Box>
    );
  }
  if (error || !data) {
    return (
      <Box sx={{ mt: 2 }}>
        <Title title="resources.surveys.results.title" />
        {back}
        <Alert severity="info" sx={{ mt: 2 }} data-testid="survey-results-error">
          {errorText(error)}
        </Alert>
      </Box>
    );
  }

  const suppressedLabel = translate('resources.surveys.results.suppressed', { k: data.anonymityThreshold ?? '' });
  let number = 0;
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('resources.surveys.results.title_of', { title: data.title })} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        {back}
        <Typography variant="h5" sx={{ flex: 1 }}>
          {data.title}
        </Typography>
        <Chip size="small" color={SURVEY_STATUS_COLORS[data.status]} label={translate(`resources.surveys.statuses.${data.status}`)} />
        <Button label="ra.action.refresh" onClick={() => refetch()} disabled={isFetching}>
          <RefreshIcon />
        </Button>
        <ExportSurveyResultsButton surveyId={id} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('resources.surveys.results.scope', {
          committee: data.committeeName,
          time: format.dateTime(data.computedAt),
        })}
        {data.anonymous && ` · ${translate('resources.surveys.results.anonymous')}`}
      </Typography>
      {data.suppressed && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="survey-results-suppressed">
          {translate('resources.surveys.results.suppressed_all', { k: data.anonymityThreshold ?? '' })}
        </Alert>
      )}
      {data.respondents === 0 && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="survey-results-empty">
          {translate('resources.surveys.results.no_answers')}
        </Alert>
      )}
      {data.anonymous && !data.suppressed && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
          {translate('resources.surveys.results.anonymity_note', { k: data.anonymityThreshold ?? '' })}
        </Typography>
      )}
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat label={translate('resources.surveys.results.invited')} value={format.number(data.invited)} />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat
            label={translate('resources.surveys.results.respondents')}
            value={data.suppressed ? suppressedLabel : format.number(data.respondents)}
          />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat
            label={translate('resources.surveys.results.rate')}
            value={format.percent(data.responseRate, data.respondents, data.invited)}
          />
        </Grid>
        {data.quiz && (
          <Grid size={{ xs: 6, md: 3 }}>
            <Stat
              label={translate('resources.surveys.results.pass_rate')}
              value={format.percent(data.quiz.passRate, data.quiz.passed, data.respondents)}
              hint={translate('resources.surveys.results.pass_mark', {
                passMark: data.quiz.passMark,
                max: data.quiz.maxScore,
              })}
            />
          </Grid>
        )}
      </Grid>
      <Stack spacing={2}>
        <QuizSummary results={data} />
        <ResponsesByDay results={data} />
        {data.questions.map((question) => {
          if (question.type === 'section') {
            return (
              <Typography key={question.questionId} variant="h6" sx={{ pt: 1 }}>
                {question.text}
              </Typography>
            );
          }
          number += 1;
          return <QuestionCard key={question.questionId} question={question} number={number} results={data} />;
        })}
        <ParticipationTable results={data} />
      </Stack>
    </Box>
  );
};
