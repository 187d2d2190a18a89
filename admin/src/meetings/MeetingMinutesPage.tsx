import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/GetApp';
import LockIcon from '@mui/icons-material/Lock';
import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  IconButton,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Loading, Title, useDataProvider, useGetOne, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { useFormatDate } from '../common/LocaleDateField';
import type { AppDataProvider } from '../dataProvider';
import { saveFile } from '../download';
import { useNotifyApiError } from '../documents/content';
import { useFormat } from '../analytics/format';
import { WideButton, WideConfirmButton } from './WideButtons';
import { ATTENDANCE_COLORS } from './choices';
import type { AttendanceRow, Meeting, MinutesAttendance, MinutesVote } from './types';
import { PlainDateInput } from '../common/DateInputs';

const Panel = ({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Card component="section" data-testid={testId}>
      <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">
            {translate(title)}
          </Typography>
          {action}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
};

/** The counts the minutes state (tổng số, có mặt, vắng có lý do...), then every member by name. */
const AttendanceTable = ({ counts, rows }: { counts?: MinutesAttendance; rows: AttendanceRow[] }) => {
  const translate = useTranslate();
  const f = useFormat();
  const chips: [string, number, AttendanceRow['state']][] = counts
    ? [
        ['present', counts.present, 'present'],
        ['late', counts.late, 'late'],
        ['excused', counts.excused, 'excused'],
        ['unexcused', counts.unexcused, 'unexcused'],
        ['exempt', counts.exempt, 'exempt'],
        ['invited', counts.unmarked, 'invited'],
      ]
    : [];
  return (
    <Stack spacing={1}>
      {counts && (
        <Typography variant="body2" data-testid="minutes-attendance-total">
          {translate('resources.meetings.minutes.attendance_total', {
            total: f.number(counts.total),
            official: f.number(counts.official),
            probationary: f.number(counts.probationary),
          })}
        </Typography>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="minutes-attendance-counts">
        {chips
          .filter(([, count]) => count > 0)
          .map(([key, count, state]) => (
            <Chip
              key={key}
              size="small"
              color={ATTENDANCE_COLORS[state] ?? 'default'}
              label={`${translate(`resources.meetings.attendance.states.${state}`)}: ${f.number(count)}`}
            />
          ))}
      </Stack>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.meetings.minutes.member')}</TableCell>
              <TableCell>{translate('resources.meetings.minutes.state')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.memberId}>
                <TableCell>
                  {row.fullName}
                  {!row.official && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {` (${translate('resources.meetings.run.probationary')})`}
                    </Typography>
                  )}
                  {row.hold && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {` (${translate(`resources.meetings.run.hold.${row.hold}`)})`}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{translate(`resources.meetings.attendance.states.${row.state}`, { _: row.state })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Stack>
  );
};

/** The closed motions' results as the minutes record them. */
const VotesSummary = ({ votes }: { votes: MinutesVote[] }) => {
  const translate = useTranslate();
  const f = useFormat();
  if (votes.length === 0) return <Typography color="text.secondary">{translate('resources.meetings.motions.empty')}</Typography>;
  return (
    <Stack spacing={1}>
      {votes.map((vote) => (
        <Box key={vote.motionId} data-testid="minutes-motion">
          <Typography sx={{ fontWeight: 600 }}>
            {vote.title}
            {vote.secret && ` (${translate('resources.meetings.motions.secret')})`}
          </Typography>
          <Typography variant="body2">
            {[
              vote.agreeCount != null &&
                translate('resources.meetings.motions.counts', {
                  agree: f.number(vote.agreeCount),
                  disagree: f.number(vote.disagreeCount ?? 0),
                  other: f.number(vote.otherCount ?? 0),
                }),
              vote.denominator != null && translate('resources.meetings.motions.denominator', { denominator: f.number(vote.denominator) }),
              vote.passed != null && translate(vote.passed ? 'resources.meetings.motions.passed' : 'resources.meetings.motions.not_passed'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </Box>
      ))}
    </Stack>
  );
};

/**
 * The minutes (biên bản) of a held meeting: attendance and votes as recorded, the summary and
 * conclusions the secretary types, the tasks assigned; locked, they only take dated addenda.
 */
export const MeetingMinutesPage = () => {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const { data: meeting, isPending: meetingPending, refetch: refetchMeeting } = useGetOne<Meeting>('meetings', { id });
  const minutesKey = ['meetings', id, 'minutes'];
  const { data: minutes, error } = useQuery({ queryKey: minutesKey, queryFn: () => dataProvider.getMinutes(id) });
  const { data: attendance } = useQuery({
    queryKey: ['meetings', id, 'attendance'],
    queryFn: () => dataProvider.getAttendance(id),
  });

  const [summary, setSummary] = useState('');
  const [conclusions, setConclusions] = useState('');
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [task, setTask] = useState({ title: '', assigneeMemberId: '', dueOn: '' });
  const [addendum, setAddendum] = useState('');

  useEffect(() => {
    if (minutes && !dirty) {
      setSummary(minutes.summary ?? '');
      setConclusions(minutes.conclusions ?? '');
    }
  }, [minutes, dirty]);

  if (meetingPending || (!minutes && !error)) return <Loading />;
  if (error || !minutes || !meeting) {
    return <Alert severity="error">{translate(error?.message ?? 'ra.page.not_found', { _: error?.message })}</Alert>;
  }
  const locked = meeting.status === 'minutes_locked' || minutes.status === 'minutes_locked' || !!minutes.lockedAt;
  const members = attendance?.members ?? [];
  const nameOf = (memberId: string | null) =>
    memberId ? (members.find((m) => m.memberId === memberId)?.fullName ?? '') : translate('resources.meetings.tasks.branch_committee');
  const reload = () => queryClient.invalidateQueries({ queryKey: minutesKey });

  const save = async () => {
    setSaving(true);
    try {
      await dataProvider.saveMinutes(id, summary, conclusions);
      setDirty(false);
      notify('resources.meetings.minutes.saved', { type: 'success' });
      await reload();
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  const addTask = async () => {
    try {
      await dataProvider.createMeetingTask(id, {
        title: task.title.trim(),
        ...(task.assigneeMemberId ? { assigneeMemberId: task.assigneeMemberId } : {}),
        ...(task.dueOn ? { dueOn: task.dueOn } : {}),
      });
      setTask({ title: '', assigneeMemberId: '', dueOn: '' });
      await reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const deleteTask = async (taskId: string) => {
    try {
      await dataProvider.deleteMeetingTask(id, taskId);
      await reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const addAddendum = async () => {
    try {
      await dataProvider.addMinutesAddendum(id, addendum.trim());
      setAddendum('');
      notify('resources.meetings.minutes.addendum_added', { type: 'success' });
      await reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const download = async () => {
    try {
      saveFile(await dataProvider.downloadMinutesPdf(id));
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="meeting-minutes">
      <Title title={translate('resources.meetings.minutes.title', { title: meeting.title })} />
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="h5" component="h1" sx={{ fontSize: { xs: '1.25rem', sm: '1.5rem' } }}>
              {translate('resources.meetings.minutes.heading', { title: meeting.title })}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {[meeting.committeeName, formatDate(meeting.startsAt, { showTime: true }), meeting.place].filter(Boolean).join(' · ')}
            </Typography>
          </Box>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            <WideButton to={`/meetings/${encodeURIComponent(id)}/show`} label="resources.meetings.run.back" icon={<ArrowBackIcon />} />
            <WideButton label="resources.meetings.minutes.pdf" onClick={download} variant="outlined" icon={<DownloadIcon />} />
            {!locked && (
              <WideConfirmButton
                label="resources.meetings.minutes.lock"
                title="resources.meetings.minutes.lock_title"
                content="resources.meetings.minutes.lock_content"
                variant="contained"
                color="warning"
                icon={<LockIcon />}
                action={async () => {
                  if (dirty) await dataProvider.saveMinutes(id, summary, conclusions);
                  await dataProvider.lockMinutes(id);
                  setDirty(false);
                  notify('resources.meetings.minutes.locked_done', { type: 'success' });
                  await refetchMeeting();
                  await reload();
                }}
              />
            )}
          </Stack>
        </Stack>
        {locked && (
          <Alert severity="success" icon={<LockIcon />} data-testid="minutes-locked">
            {translate('resources.meetings.minutes.locked', {
              at: formatDate(minutes.lockedAt ?? meeting.minutesLockedAt ?? null, { showTime: true }),
            })}
          </Alert>
        )}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 3fr) minmax(0, 2fr)' }, gap: 2 }}>
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <Panel
              title="resources.meetings.minutes.content"
              action={
                !locked && (
                  <WideButton label="ra.action.save" variant="contained" onClick={save} disabled={saving || !dirty} icon={<SaveIcon />} />
                )
              }
            >
              <Stack spacing={2}>
                <TextField
                  label={translate('resources.meetings.minutes.summary')}
                  value={summary}
                  onChange={(event) => {
                    setSummary(event.target.value);
                    setDirty(true);
                  }}
                  multiline
                  minRows={5}
                  fullWidth
                  disabled={locked}
                />
                <TextField
                  label={translate('resources.meetings.minutes.conclusions')}
                  value={conclusions}
                  onChange={(event) => {
                    setConclusions(event.target.value);
                    setDirty(true);
                  }}
                  multiline
                  minRows={4}
                  fullWidth
                  disabled={locked}
                />
              </Stack>
            </Panel>
            <Panel title="resources.meetings.tasks.title" testId="minutes-tasks">
              <Stack spacing={1.5}>
                {minutes.tasks.length === 0 && (
                  <Typography color="text.secondary">{translate('resources.meetings.tasks.empty')}</Typography>
                )}
                {minutes.tasks.map((t) => (
                  <Stack key={t.id} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Box sx={{ flex: 1, minWidth: 0 }}>
                      <Typography>{t.title}</Typography>
                      <Typography variant="caption" color="text.secondary">
                        {[
                          t.assigneeName ?? nameOf(t.assigneeMemberId),
                          t.dueOn && translate('resources.meetings.tasks.due', { date: formatDate(t.dueOn, { dateOnly: true }) }),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                        {t.doneAt && ` · ${translate('resources.meetings.tasks.done')}`}
                      </Typography>
                    </Box>
                    {!locked && (
                      <IconButton aria-label={translate('ra.action.delete')} onClick={() => deleteTask(t.id)} size="small">
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    )}
                  </Stack>
                ))}
                {!locked && (
                  <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ alignItems: { md: 'center' } }}>
                    <TextField
                      size="small"
                      label={translate('resources.meetings.tasks.new_title')}
                      value={task.title}
                      onChange={(event) => setTask({ ...task, title: event.target.value })}
                      sx={{ flex: { md: '2 1 240px' } }}
                    />
                    <TextField
                      select
                      size="small"
                      label={translate('resources.meetings.tasks.assignee')}
                      value={task.assigneeMemberId}
                      onChange={(event) => setTask({ ...task, assigneeMemberId: event.target.value })}
                      sx={{ flex: { md: '1 1 160px' } }}
                      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
                    >
                      <MenuItem value="">{translate('resources.meetings.tasks.branch_committee')}</MenuItem>
                      {members.map((m) => (
                        <MenuItem key={m.memberId} value={m.memberId}>
                          {m.fullName}
                        </MenuItem>
                      ))}
                    </TextField>
                    <PlainDateInput
                      sx={{ flex: { md: '0 0 170px' } }}
                      label={translate('resources.meetings.tasks.dueOn')}
                      value={task.dueOn}
                      onChange={(dueOn) => setTask({ ...task, dueOn })}
                    />
                    <WideButton
                      label="resources.meetings.tasks.add"
                      variant="outlined"
                      onClick={addTask}
                      disabled={!task.title.trim()}
                      icon={<AddIcon />}
                    />
                  </Stack>
                )}
              </Stack>
            </Panel>
            {locked && (
              <Panel title="resources.meetings.minutes.addenda" testId="minutes-addenda">
                <Stack spacing={1.5}>
                  {minutes.addenda.map((a) => (
                    <Box key={a.id}>
                      <Typography variant="caption" color="text.secondary">
                        {formatDate(a.createdAt, { showTime: true })}
                      </Typography>
                      <Typography sx={{ whiteSpace: 'pre-wrap' }}>{a.body}</Typography>
                    </Box>
                  ))}
                  <TextField
                    label={translate('resources.meetings.minutes.new_addendum')}
                    value={addendum}
                    onChange={(event) => setAddendum(event.target.value)}
                    multiline
                    minRows={2}
                    fullWidth
                  />
                  <Box>
                    <WideButton
                      label="resources.meetings.minutes.add_addendum"
                      variant="outlined"
                      onClick={addAddendum}
                      disabled={!addendum.trim()}
                      icon={<AddIcon />}
                    />
                  </Box>
                </Stack>
              </Panel>
            )}
          </Stack>
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            <Panel title="resources.meetings.run.attendance_title">
              {!attendance ? <LinearProgress /> : <AttendanceTable counts={minutes.attendance} rows={members} />}
            </Panel>
            <Panel title="resources.meetings.motions.title">
              <VotesSummary votes={minutes.votes ?? []} />
            </Panel>
          </Stack>
        </Box>
      </Stack>
    </Box>
  );
};
