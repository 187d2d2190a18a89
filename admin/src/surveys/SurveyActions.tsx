import BarChartIcon from '@mui/icons-material/BarChart';
import LockIcon from '@mui/icons-material/Lock';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Link } from 'react-router';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import { ExportMenu } from '../common/ExportMenu';
import type { AppDataProvider } from '../dataProvider';
import type { Survey } from '../types';

export const surveyResultsPath = (id: string) => `/survey-results/${id}`;

/** "Mở khảo sát" (a draft) or "Đóng khảo sát" (open or scheduled). */
export const OpenCloseSurveyButton = () => {
  const record = useRecordContext<Survey>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || record.status === 'closed') return null;
  const opening = record.status === 'draft';
  const action = opening ? 'open' : 'close';

  return (
    <ConfirmActionButton
      label={`resources.surveys.${action}.button`}
      title={`resources.surveys.${action}.title`}
      content={`resources.surveys.${action}.content`}
      translateOptions={{ title: record.title }}
      confirm="ra.action.confirm"
      color={opening ? 'primary' : 'warning'}
      variant={opening ? 'contained' : 'outlined'}
      icon={opening ? <PlayArrowIcon /> : <LockIcon />}
      action={async () => {
        await dataProvider.setSurveyOpen(record.id, opening);
        notify(`resources.surveys.${action}.success`, { type: 'success' });
        refresh();
      }}
    />
  );
};

/** To the results page, once staff may read them. */
export const SurveyResultsButton = () => {
  const record = useRecordContext<Survey>();
  const translate = useTranslate();
  if (!record || record.status === 'draft') return null;
  return (
    <Button
      component={Link}
      to={surveyResultsPath(record.id)}
      label="resources.surveys.results.button"
      disabled={!record.resultsVisible}
      title={record.resultsVisible ? undefined : translate('resources.surveys.results.hidden_until_close')}
    >
      <BarChartIcon />
    </Button>
  );
};

/** The results as a file (every text answer included), fetched with the auth header: the dashboard's one export menu. */
export const ExportSurveyResultsButton = ({ surveyId }: { surveyId: string }) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  return <ExportMenu label="resources.surveys.results.export" download={(format) => dataProvider.exportSurveyResults(surveyId, format)} />;
};
