import BarChartIcon from '@mui/icons-material/BarChart';
import DownloadIcon from '@mui/icons-material/GetApp';
import LockIcon from '@mui/icons-material/Lock';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { ListItemText, Menu, MenuItem } from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { Link } from 'react-router';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { AppDataProvider } from '../dataProvider';
import { saveFile } from '../download';
import { useNotifyApiError } from '../documents/content';
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

/** The results as a file (every text answer included), fetched with the auth header. */
export const ExportSurveyResultsButton = ({ surveyId }: { surveyId: string }) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const translate = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (format: 'xlsx' | 'csv') => {
    setAnchor(null);
    setBusy(true);
    try {
      const file = await dataProvider.exportSurveyResults(surveyId, format);
      saveFile(file);
      notify('resources.surveys.results.exported', {
        type: 'info',
        messageArgs: { filename: file.filename },
      });
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label="resources.surveys.results.export"
        onClick={(event: MouseEvent<HTMLButtonElement>) => setAnchor(event.currentTarget)}
        disabled={busy}
        aria-haspopup="menu"
      >
        <DownloadIcon />
      </Button>
      <Menu anchorEl={anchor} open={anchor != null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => download('xlsx')}>
          <ListItemText>{translate('resources.surveys.results.xlsx')}</ListItemText>
        </MenuItem>
        <MenuItem onClick={() => download('csv')}>
          <ListItemText>{translate('resources.surveys.results.csv')}</ListItemText>
        </MenuItem>
      </Menu>
    </>
  );
};
