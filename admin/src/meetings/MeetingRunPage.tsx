import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DescriptionIcon from '@mui/icons-material/Description';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import GavelIcon from '@mui/icons-material/Gavel';
import HowToVoteIcon from '@mui/icons-material/HowToVote';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopCircleIcon from '@mui/icons-material/StopCircle';
import { Alert, Box, Card, CardContent, Chip, FormControlLabel, LinearProgress, Stack, Switch, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState, type ReactNode } from 'react';
import { Loading, RecordContextProvider, Title, useDataProvider, useGetOne, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { useFormatDate } from '../common/LocaleDateField';
import type { AppDataProvider } from '../dataProvider';
import { useNotifyApiError } from '../documents/content';
import { useFormat } from '../analytics/format';
import { WideButton, WideConfirmButton } from './WideButtons';
import { ATTENDANCE_COLORS } from './choices';
import { MeetingStatusField } from './fields';
import { meetingMinutesPath } from './paths';
import type { AttendanceRow, MarkableState, Meeting, Motion } from './types';

/** How often the live parts (attendance, votes) are asked again, in milliseconds. */
export const LIVE_POLL_MS = 4000;
/** The check-in code is fetched again this long before it expires. */
const CODE_REFRESH_BEFORE_MS = 5000;

const Panel = ({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Card data-testid={testId} component="section">
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

/** Seconds left until `expiresAt`, ticking every second. */
const useSecondsLeft = (expiresAt: string | undefined) => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!expiresAt) return undefined;
  return Math.max(0, Math.round((new Date(expiresAt).getTime() - now) / 1000));
};

/** The rotating check-in code, large, with its QR code; fetched again shortly before it expires. */
const CheckInCodePanel = ({ meetingId }: { meetingId: string }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { data, error } = useQuery({
    queryKey: ['meetings', meetingId, 'check-in-code'],
    queryFn: () => dataProvider.getCheckInCode(meetingId),
    refetchInterval: (query) => {
      const expiresAt = query.state.data?.expiresAt;
      if (!expiresAt) return LIVE_POLL_MS;
      return Math.max(1000, new Date(expiresAt).getTime() - Date.now() - CODE_REFRESH_BEFORE_MS);
    },
    refetchIntervalInBackground: true,
    retry: 1,
  });
  const secondsLeft = useSecondsLeft(data?.expiresAt);
  return (
    <Panel title="resources.meetings.run.code_title" testId="run-check-in">
      {error ? (
        <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>
      ) : !data ? (
        <LinearProgress />
      ) : (
        <Stack direction="row" useFlexGap sx={{ gap: 3, alignItems: 'center', justifyContent: 'center', flexWrap: 'wrap' }}>
          <Box sx={{ textAlign: 'center' }}>
            <Typography
              data-testid="check-in-code"
              aria-label={translate('resources.meetings.run.code_label')}
              sx={{
                fontFamily: 'ui-monospace, "Roboto Mono", monospace',
                fontWeight: 700,
                letterSpacing: '0.12em',
                lineHeight: 1,
                fontSize: { xs: '3.5rem', sm: '5rem' },
              }}
            >
              {data.code}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {secondsLeft != null && translate('resources.meetings.run.code_expires', { seconds: secondsLeft })}
            </Typography>
          </Box>
          <Box sx={{ bgcolor: '#fff', p: 1.5, borderRadius: 1, lineHeight: 0 }}>
            <QRCodeSVG
              value={data.qrText}
              size={220}
              level="M"
              title={translate('resources.meetings.run.qr_label')}
              style={{ width: 'min(220px, 60vw)', height: 'auto' }}
            />
          </Box>
        </Stack>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5, textAlign: 'center' }}>
        {translate('resources.meetings.run.code_help')}
      </Typography>
    </Panel>
  );
};

/** Every invited member, live; the secretary marks present or excused on a member's behalf. */
const AttendancePanel = ({ meetingId, live }: { meetingId: string; live: boolean }) => {
  const translate = useTranslate();
  const f = useFormat();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const notifyError = useNotifyApiError();
  const [busy, setBusy] = useState<string | null>(null);
  const { data, error } = useQuery({
    queryKey: ['meetings', meetingId, 'attendance'],
    queryFn: () => dataProvider.getAttendance(meetingId),
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
  const mark = async (row: AttendanceRow, state: MarkableState) => {
    setBusy(row.memberId);
    try {
      await dataProvider.markAttendance(meetingId, row.memberId, state);
      await queryClient.invalidateQueries({ queryKey: ['meetings', meetingId, 'attendance'] });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  const members = data?.members ?? [];
  const summary = data?.summary ?? {};
  const present =
    summary.present != null
      ? summary.present + (summary.late ?? 0)
      : members.filter((m) => m.state === 'present' || m.state === 'late').length;
  const invited = summary.invited ?? members.length;
  const excused = members.filter((m) => m.state === 'excused' || (m.state === 'invited' && m.excuseStatus === 'accepted')).length;
  return (
    <Panel
      title="resources.meetings.run.attendance_title"
      testId="run-attendance"
      action={
        data && (
          <Typography variant="body1" data-testid="attendance-summary" sx={{ fontWeight: 600 }}>
            {translate('resources.meetings.run.attendance_summary', {
              present: f.number(present),
              invited: f.number(invited),
              excused: f.number(excused),
            })}
          </Typography>
        )
      }
    >
      {error ? (
        <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>
      ) : !data ? (
        <LinearProgress />
      ) : (
        <Stack divider={<Box sx={{ borderBottom: 1, borderColor: 'divider' }} />}>
          {members.map((row) => {
            const checkedIn = row.state === 'present' || row.state === 'late';
            return (
              <Stack
                key={row.memberId}
                direction="row"
                spacing={1}
                data-testid={`attendance-${row.memberId}`}
                sx={{ py: 1, alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}
              >
                <Box sx={{ flex: '1 1 180px', minWidth: 0 }}>
                  <Typography sx={{ fontWeight: 500 }}>{row.fullName}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {translate(row.official ? 'resources.meetings.run.official' : 'resources.meetings.run.probationary')}
                    {row.exempt && ` · ${translate('resources.meetings.run.exempted')}`}
                    {row.hold && ` · ${translate(`resources.meetings.run.hold.${row.hold}`)}`}
                    {row.checkInMethod === 'secretary' && checkedIn && ` · ${translate('resources.meetings.run.marked_by_secretary')}`}
                    {row.excuseStatus &&
                      !checkedIn &&
                      ` · ${translate(`resources.meetings.run.excuse.${row.excuseStatus}`, { _: row.excuseStatus })}`}
                  </Typography>
                </Box>
                <Chip
                  size="small"
                  color={ATTENDANCE_COLORS[row.state] ?? 'default'}
                  label={translate(`resources.meetings.attendance.states.${row.state}`, { _: row.state })}
                  data-testid="attendance-state"
                />
                {live && (
                  <Stack direction="row" spacing={0.5}>
                    {/* a suspended member does not take part (the API answers 403 CHECK_IN_NOT_ELIGIBLE) */}
                    {!checkedIn && row.hold !== 'suspended' && (
                      <WideButton
                        label="resources.meetings.run.mark_present"
                        size="small"
                        variant="outlined"
                        color="success"
                        disabled={busy === row.memberId}
                        onClick={() => mark(row, 'present')}
                        icon={<CheckCircleIcon />}
                      />
                    )}
                    {row.state !== 'excused' && !checkedIn && (
                      <WideButton
                        label="resources.meetings.run.mark_excused"
                        size="small"
                        variant="outlined"
                        color="warning"
                        disabled={busy === row.memberId}
                        onClick={() => mark(row, 'excused')}
                        icon={<EventBusyIcon />}
                      />
                    )}
                  </Stack>
                )}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Panel>
  );
};

/** A motion's result: counts (withheld for a secret ballot under k ballots), the denominator, passed or not. */
export const MotionResult = ({ motion }: { motion: Motion }) => {
  const translate = useTranslate();
  const f = useFormat();
  const withheld = motion.agreeCount == null || motion.disagreeCount == null || motion.otherCount == null;
  return (
    <Stack spacing={0.5} data-testid="motion-result">
      {withheld ? (
        <Typography variant="body2" color="text.secondary" data-testid="motion-withheld">
          {translate('resources.meetings.motions.withheld', {
            count: f.number(motion.votedCount),
            k: f.number(motion.anonymityThreshold ?? 0),
          })}
        </Typography>
      ) : (
        <Typography variant="body2">
          {translate('resources.meetings.motions.counts', {
            agree: f.number(motion.agreeCount!),
            disagree: f.number(motion.disagreeCount!),
            other: f.number(motion.otherCount!),
          })}
        </Typography>
      )}
      {motion.denominator != null && (
        <Typography variant="body2">
          {translate('resources.meetings.motions.denominator', { denominator: f.number(motion.denominator) })}
        </Typography>
      )}
      {motion.passed != null && (
        <Box>
          <Chip
            color={motion.passed ? 'success' : 'error'}
            label={translate(motion.passed ? 'resources.meetings.motions.passed' : 'resources.meetings.motions.not_passed')}
            data-testid="motion-passed"
          />
        </Box>
      )}
      {(motion.otherOpinions ?? []).length > 0 && (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {motion.otherOpinions!.map((text, index) => (
            <li key={index}>
              <Typography variant="body2">{text}</Typography>
            </li>
          ))}
        </Box>
      )}
      {!motion.secret && (motion.votes ?? []).length > 0 && (
        <Typography variant="caption" color="text.secondary">
          {motion
            .votes!.map(
              (vote) =>
                `${vote.fullName}: ${translate(`resources.meetings.motions.choices.${vote.choice}`)}${vote.otherText ? ` (${vote.otherText})` : ''}`,
            )
            .join(' · ')}
        </Typography>
      )}
    </Stack>
  );
};

/** Open a motion (open or secret ballot), follow who has voted, close it and read the result. */
const MotionsPanel = ({ meetingId, live }: { meetingId: string; live: boolean }) => {
  const translate = useTranslate();
  const f = useFormat();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const notifyError = useNotifyApiError();
  const [title, setTitle] = useState('');
  const [secret, setSecret] = useState(false);
  const [busy, setBusy] = useState(false);
  const key = ['meetings', meetingId, 'motions'];
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () => dataProvider.getMotions(meetingId),
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
  const open = async () => {
    setBusy(true);
    try {
      await dataProvider.openMotion(meetingId, title.trim(), secret);
      setTitle('');
      setSecret(false);
      notify('resources.meetings.motions.opened', { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="resources.meetings.motions.title" testId="run-motions">
      <Stack spacing={2}>
        {live && (
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
            <TextField
              label={translate('resources.meetings.motions.new_title')}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              size="small"
              fullWidth
              slotProps={{ htmlInput: { maxLength: 1000 } }}
            />
            <FormControlLabel
              control={<Switch checked={secret} onChange={(event) => setSecret(event.target.checked)} />}
              label={translate('resources.meetings.motions.secret')}
              sx={{ whiteSpace: 'nowrap' }}
            />
            <WideButton
              label="resources.meetings.motions.open"
              sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
              variant="contained"
              disabled={busy || !title.trim()}
              onClick={open}
              icon={<HowToVoteIcon />}
            />
          </Stack>
        )}
        {error && <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>}
        {data?.length === 0 && <Typography color="text.secondary">{translate('resources.meetings.motions.empty')}</Typography>}
        {data?.map((motion) => (
          <Card key={motion.id} variant="outlined" data-testid="motion">
            <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
                <Typography sx={{ fontWeight: 600, flex: '1 1 200px' }}>{motion.title}</Typography>
                <Chip
                  size="small"
                  variant="outlined"
                  label={translate(motion.secret ? 'resources.meetings.motions.secret' : 'resources.meetings.motions.open_ballot')}
                />
                <Chip
                  size="small"
                  color={motion.status === 'open' ? 'primary' : 'default'}
                  label={translate(`resources.meetings.motions.statuses.${motion.status}`)}
                />
              </Stack>
              {motion.status === 'open' ? (
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
                  <Typography variant="body2" data-testid="motion-voted">
                    {translate('resources.meetings.motions.voted', { count: f.number(motion.votedCount) })}
                  </Typography>
                  <WideConfirmButton
                    label="resources.meetings.motions.close"
                    title="resources.meetings.motions.close_title"
                    content="resources.meetings.motions.close_content"
                    translateOptions={{ title: motion.title }}
                    variant="contained"
                    color="warning"
                    icon={<GavelIcon />}
                    action={async () => {
                      await dataProvider.closeMotion(meetingId, motion.id);
                      await queryClient.invalidateQueries({ queryKey: key });
                    }}
                  />
                </Stack>
              ) : (
                <MotionResult motion={motion} />
              )}
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Panel>
  );
};

/**
 * "Meeting in progress" (/meetings/:id/run): start the meeting, show the check-in code large with
 * its QR code, follow attendance and votes live, close the meeting. Made for a phone as much as for
 * a projector: one column under 900 px.
 */
export const MeetingRunPage = () => {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const dataProvider = useDataProvider<AppDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { data: meeting, isPending, error, refetch } = useGetOne<Meeting>('meetings', { id });

  if (isPending) return <Loading />;
  if (error || !meeting) {
    return <Alert severity="error">{translate(error?.message ?? 'ra.page.not_found', { _: error?.message })}</Alert>;
  }
  const live = meeting.status === 'in_progress';
  const after = async (key: string) => {
    notify(`resources.meetings.${key}.success`, { type: 'success' });
    await refetch();
    await queryClient.invalidateQueries({ queryKey: ['meetings', id] });
  };

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="meeting-run">
      <Title title={translate('resources.meetings.run.title', { title: meeting.title })} />
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="h5" component="h1" sx={{ fontSize: { xs: '1.25rem', sm: '1.5rem' } }}>
              {meeting.title}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {[meeting.committeeName, formatDate(meeting.startsAt, { showTime: true }), meeting.place].filter(Boolean).join(' · ')}
            </Typography>
            <Box sx={{ mt: 0.5 }}>
              <MeetingStatusFieldOf meeting={meeting} />
            </Box>
          </Box>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            <WideButton to={`/meetings/${encodeURIComponent(id)}/show`} label="resources.meetings.run.back" icon={<ArrowBackIcon />} />
            {meeting.status === 'scheduled' && (
              <WideConfirmButton
                label="resources.meetings.start.button"
                title="resources.meetings.start.title"
                content="resources.meetings.start.content"
                translateOptions={{ title: meeting.title }}
                variant="contained"
                icon={<PlayArrowIcon />}
                action={async () => {
                  await dataProvider.startMeeting(id);
                  await after('start');
                }}
              />
            )}
            {live && (
              <WideConfirmButton
                label="resources.meetings.close.button"
                title="resources.meetings.close.title"
                content="resources.meetings.close.content"
                translateOptions={{ title: meeting.title }}
                variant="contained"
                color="error"
                icon={<StopCircleIcon />}
                action={async () => {
                  await dataProvider.closeMeeting(id);
                  await after('close');
                }}
              />
            )}
            {(meeting.status === 'held' || meeting.status === 'minutes_locked') && (
              <WideButton
                to={meetingMinutesPath(id)}
                label="resources.meetings.minutes.button"
                variant="contained"
                icon={<DescriptionIcon />}
              />
            )}
          </Stack>
        </Stack>
        {meeting.status === 'scheduled' && <Alert severity="info">{translate('resources.meetings.run.not_started')}</Alert>}
        {!live && meeting.status !== 'scheduled' && (
          <Alert severity="info">
            {translate('resources.meetings.run.not_live', { status: translate(`resources.meetings.statuses.${meeting.status}`) })}
          </Alert>
        )}
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2 }}>
          <Stack spacing={2} sx={{ minWidth: 0 }}>
            {live && <CheckInCodePanel meetingId={id} />}
            <MotionsPanel meetingId={id} live={live} />
          </Stack>
          <Box sx={{ minWidth: 0 }}>
            <AttendancePanel meetingId={id} live={live} />
          </Box>
        </Box>
      </Stack>
    </Box>
  );
};

/** The status chip of a meeting outside a record context. */
const MeetingStatusFieldOf = ({ meeting }: { meeting: Meeting }) => (
  <RecordContextProvider value={meeting}>
    <MeetingStatusField />
  </RecordContextProvider>
);
