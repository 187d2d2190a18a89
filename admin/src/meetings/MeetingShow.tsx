import AttachFileIcon from '@mui/icons-material/AttachFile';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  Link as MuiLink,
  List as MuiList,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import {
  Button,
  Labeled,
  Show,
  TextField,
  UrlField,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { LocaleDateField, useFormatDate } from '../common/LocaleDateField';
import type { AppDataProvider } from '../dataProvider';
import { useNotifyApiError } from '../documents/content';
import { saveFile } from '../download';
import { MeetingActions } from './MeetingActions';
import { MeetingKindField, MeetingStatusField, MonthField } from './fields';
import { ReasonDialogButton } from './ReasonDialogButton';
import type { Meeting, MeetingAgendaItem, MeetingAttachment } from './types';

const MeetingTitle = () => {
  const record = useRecordContext<Meeting>();
  return <span>{record?.title ?? ''}</span>;
};

const nameOf = (row: { fullName?: string | null }) => row.fullName ?? '';

/** Upload a file to an agenda item (stored like documents' files). */
const AttachButton = ({ meetingId, item }: { meetingId: string; item: MeetingAgendaItem }) => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const refresh = useRefresh();
  const input = useRef<HTMLInputElement>(null);
  if (!item.id) return null;
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        onChange={async (event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          try {
            await dataProvider.uploadAgendaAttachment(meetingId, item.id!, file);
            notify('resources.meetings.agenda.attached', { type: 'success', messageArgs: { name: file.name } });
            refresh();
          } catch (error) {
            notifyError(error);
          }
        }}
      />
      <Button label="resources.meetings.agenda.attach" size="small" onClick={() => input.current?.click()}>
        <AttachFileIcon />
      </Button>
    </>
  );
};

const Agenda = () => {
  const record = useRecordContext<Meeting>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notifyError = useNotifyApiError();
  const download = (attachment: MeetingAttachment) =>
    dataProvider.downloadMeetingAttachment(record!.id, attachment).then(saveFile).catch(notifyError);
  // a row of the list (its summary, without the agenda) shows until the meeting itself has loaded
  if (!record?.agenda) return null;
  const editable = record.status === 'draft' || record.status === 'scheduled' || record.status === 'postponed';
  if (record.agenda.length === 0) {
    return <Typography color="text.secondary">{translate('resources.meetings.agenda.empty')}</Typography>;
  }
  return (
    <MuiList dense disablePadding>
      {record.agenda.map((item, index) => (
        <ListItem key={item.id ?? index} alignItems="flex-start" divider disableGutters>
          <ListItemText
            primary={`${index + 1}. ${item.title}`}
            secondary={
              <>
                {item.description && <span style={{ display: 'block', whiteSpace: 'pre-wrap' }}>{item.description}</span>}
                {(item.presenterName || item.presenterMemberId) && (
                  <span style={{ display: 'block' }}>
                    {translate('resources.meetings.agenda.presenter', { name: item.presenterName ?? '' })}
                  </span>
                )}
                {(item.attachments ?? []).map((attachment) => (
                  <span key={attachment.id} style={{ display: 'block' }}>
                    📎{' '}
                    <MuiLink component="button" type="button" onClick={() => download(attachment)} sx={{ verticalAlign: 'baseline' }}>
                      {attachment.title}
                    </MuiLink>
                  </span>
                ))}
              </>
            }
            slotProps={{ secondary: { component: 'div' } }}
          />
          {editable && <AttachButton meetingId={record.id} item={item} />}
        </ListItem>
      ))}
    </MuiList>
  );
};

/** Requests to be excused: accept, or decline with a note. */
const Excuses = ({ meetingId }: { meetingId: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const formatDate = useFormatDate();
  const { data, error } = useQuery({ queryKey: ['meetings', meetingId, 'excuses'], queryFn: () => dataProvider.getExcuses(meetingId) });
  const decide = async (excuseId: string, accepted: boolean, note?: string) => {
    await dataProvider.decideExcuse(meetingId, excuseId, accepted, note);
    notify(`resources.meetings.excuses.${accepted ? 'accepted' : 'declined'}`, { type: 'success' });
    await queryClient.invalidateQueries({ queryKey: ['meetings', meetingId] });
  };
  if (error) return <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>;
  if (!data) return null;
  if (data.length === 0) return <Typography color="text.secondary">{translate('resources.meetings.excuses.empty')}</Typography>;
  return (
    <MuiList dense disablePadding data-testid="meeting-excuses">
      {data.map((excuse) => (
        <ListItem key={excuse.id} divider disableGutters sx={{ flexWrap: 'wrap', gap: 1 }}>
          <ListItemText
            primary={nameOf(excuse)}
            secondary={`${excuse.reason} · ${formatDate(excuse.createdAt, { showTime: true })}${excuse.decisionNote ? ` · ${excuse.decisionNote}` : ''}`}
          />
          {excuse.status === 'pending' ? (
            <Stack direction="row" spacing={1}>
              <Button
                label="resources.meetings.excuses.accept"
                variant="outlined"
                color="success"
                onClick={() => decide(excuse.id, true).catch(notifyError)}
              >
                <CheckIcon />
              </Button>
              <ReasonDialogButton
                label="resources.meetings.excuses.decline"
                title="resources.meetings.excuses.decline_title"
                fieldLabel="resources.meetings.excuses.note"
                optional
                color="error"
                icon={<CloseIcon />}
                action={(note) => decide(excuse.id, false, note || undefined)}
              />
            </Stack>
          ) : (
            <Chip
              size="small"
              color={excuse.status === 'accepted' ? 'success' : 'error'}
              label={translate(`resources.meetings.excuses.statuses.${excuse.status}`)}
            />
          )}
        </ListItem>
      ))}
    </MuiList>
  );
};

/** Members' comments (góp ý) on the agenda; a comment can be hidden with a reason (kept in the audit log). */
const Comments = ({ meeting }: { meeting: Meeting }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const formatDate = useFormatDate();
  const { data, error } = useQuery({
    queryKey: ['meetings', meeting.id, 'comments'],
    queryFn: () => dataProvider.getMeetingComments(meeting.id),
  });
  if (error) return <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>;
  if (!data) return null;
  if (data.length === 0) return <Typography color="text.secondary">{translate('resources.meetings.comments.empty')}</Typography>;
  const itemTitle = (id: string) => meeting.agenda.find((item) => item.id === id)?.title ?? '';
  return (
    <MuiList dense disablePadding data-testid="meeting-comments">
      {data.map((comment) => (
        <ListItem key={comment.id} divider disableGutters sx={{ flexWrap: 'wrap', gap: 1, opacity: comment.hiddenAt ? 0.6 : 1 }}>
          <ListItemText
            primary={`${nameOf(comment)} · ${itemTitle(comment.agendaItemId)}`}
            secondary={
              <>
                <span style={{ display: 'block', whiteSpace: 'pre-wrap' }}>{comment.body}</span>
                <span style={{ display: 'block' }}>
                  {formatDate(comment.createdAt, { showTime: true })}
                  {comment.hiddenAt && ` · ${translate('resources.meetings.comments.hidden', { reason: comment.hiddenReason ?? '' })}`}
                </span>
              </>
            }
            slotProps={{ secondary: { component: 'div' } }}
          />
          {!comment.hiddenAt && (
            <ReasonDialogButton
              label="resources.meetings.comments.hide"
              title="resources.meetings.comments.hide_title"
              content="resources.meetings.comments.hide_content"
              icon={<VisibilityOffIcon />}
              color="warning"
              size="small"
              action={async (reason) => {
                await dataProvider.hideMeetingComment(meeting.id, comment.id, reason);
                notify('resources.meetings.comments.hidden_done', { type: 'success' });
                await queryClient.invalidateQueries({ queryKey: ['meetings', meeting.id, 'comments'] });
              }}
            />
          )}
        </ListItem>
      ))}
    </MuiList>
  );
};

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

const MeetingDetails = () => {
  const record = useRecordContext<Meeting>();
  const translate = useTranslate();
  if (!record) return null;
  const counts = record.counts;
  return (
    <Stack spacing={2} sx={{ p: { xs: 1, sm: 2 } }}>
      {record.statusReason && (record.status === 'postponed' || record.status === 'cancelled') && (
        <Alert severity="warning">{translate('resources.meetings.status_reason', { reason: record.statusReason })}</Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(3, 1fr)' }, gap: 2 }}>
        <Labeled source="status">
          <MeetingStatusField />
        </Labeled>
        <Labeled source="kind">
          <MeetingKindField />
        </Labeled>
        <Labeled source="month">
          <MonthField />
        </Labeled>
        <Labeled source="committeeName">
          <TextField source="committeeName" />
        </Labeled>
        <Labeled source="startsAt">
          <LocaleDateField source="startsAt" showTime emptyText="—" />
        </Labeled>
        <Labeled source="endsAt">
          <LocaleDateField source="endsAt" showTime emptyText="—" />
        </Labeled>
        <Labeled source="place">
          <TextField source="place" emptyText="—" />
        </Labeled>
        <Labeled source="onlineUrl">
          <UrlField source="onlineUrl" emptyText="—" />
        </Labeled>
        {counts && (
          <Box>
            <Typography variant="caption" color="text.secondary" component="div">
              {translate('resources.meetings.counts.label')}
            </Typography>
            <Typography variant="body2" data-testid="meeting-counts">
              {translate('resources.meetings.counts.text', counts)}
            </Typography>
          </Box>
        )}
      </Box>
      <Section title="resources.meetings.agenda.title">
        <Agenda />
      </Section>
      {record.status !== 'draft' && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
          <Section title="resources.meetings.excuses.title">
            <Excuses meetingId={record.id} />
          </Section>
          <Section title="resources.meetings.comments.title">
            <Comments meeting={record} />
          </Section>
        </Box>
      )}
    </Stack>
  );
};

export const MeetingShow = () => (
  <Show actions={<MeetingActions />} title={<MeetingTitle />}>
    <MeetingDetails />
  </Show>
);
