import CancelIcon from '@mui/icons-material/Cancel';
import DescriptionIcon from '@mui/icons-material/Description';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import SendIcon from '@mui/icons-material/Send';
import { Link } from 'react-router';
import { Button, DeleteWithConfirmButton, EditButton, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { ConfirmActionButton } from '../common/ConfirmActionButton';
import type { AppDataProvider } from '../dataProvider';
import { meetingCan } from './choices';
import { meetingMinutesPath, meetingRunPath } from './paths';
import { ReasonDialogButton } from './ReasonDialogButton';
import type { Meeting } from './types';
import { ActionsToolbar } from '../common/ActionsToolbar';

/** What can be done to the meeting in its status: send the schedule, run it, postpone, cancel, the minutes. */
export const MeetingActions = () => {
  const record = useRecordContext<Meeting>();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record) return <ActionsToolbar />;
  const allowed = meetingCan(record.status);
  const done = (key: string) => {
    notify(`resources.meetings.${key}.success`, { type: 'success' });
    refresh();
  };
  return (
    <ActionsToolbar sx={{ flexWrap: 'wrap', gap: 1 }}>
      {allowed.schedule && (
        <ConfirmActionButton
          label="resources.meetings.schedule.button"
          title="resources.meetings.schedule.title"
          content="resources.meetings.schedule.content"
          translateOptions={{ title: record.title }}
          variant="contained"
          icon={<SendIcon />}
          action={async () => {
            await dataProvider.scheduleMeeting(record.id);
            done('schedule');
          }}
        />
      )}
      {allowed.run && (
        <Button component={Link} to={meetingRunPath(record.id)} label="resources.meetings.run.button" variant="contained" color="secondary">
          <PlayCircleIcon />
        </Button>
      )}
      {allowed.minutes && (
        <Button component={Link} to={meetingMinutesPath(record.id)} label="resources.meetings.minutes.button" variant="contained">
          <DescriptionIcon />
        </Button>
      )}
      {allowed.edit && <EditButton />}
      {allowed.postpone && (
        <ReasonDialogButton
          label="resources.meetings.postpone.button"
          title="resources.meetings.postpone.title"
          content="resources.meetings.postpone.content"
          color="warning"
          icon={<PauseCircleIcon />}
          action={async (reason) => {
            await dataProvider.postponeMeeting(record.id, reason);
            done('postpone');
          }}
        />
      )}
      {allowed.cancel && (
        <ReasonDialogButton
          label="resources.meetings.cancel.button"
          title="resources.meetings.cancel.title"
          content="resources.meetings.cancel.content"
          color="error"
          icon={<CancelIcon />}
          action={async (reason) => {
            await dataProvider.cancelMeeting(record.id, reason);
            done('cancel');
          }}
        />
      )}
      {allowed.remove && <DeleteWithConfirmButton mutationMode="pessimistic" />}
    </ActionsToolbar>
  );
};
