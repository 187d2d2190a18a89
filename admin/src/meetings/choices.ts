import { ATTENDANCE_STATES, MEETING_KINDS, MEETING_STATUSES, type AttendanceState, type MeetingStatus } from './types';

/** Choices whose names are translation keys (inputs translate them). */
export const meetingKindChoices = MEETING_KINDS.map((id) => ({ id, name: `resources.meetings.kinds.${id}` }));
export const meetingStatusChoices = MEETING_STATUSES.map((id) => ({ id, name: `resources.meetings.statuses.${id}` }));
export const attendanceStateChoices = ATTENDANCE_STATES.map((id) => ({ id, name: `resources.meetings.attendance.states.${id}` }));

export const MEETING_STATUS_COLORS: Record<MeetingStatus, 'default' | 'info' | 'success' | 'warning' | 'error' | 'primary'> = {
  draft: 'default',
  scheduled: 'info',
  in_progress: 'primary',
  held: 'success',
  minutes_locked: 'success',
  postponed: 'warning',
  cancelled: 'error',
};

export const ATTENDANCE_COLORS: Record<AttendanceState, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  invited: 'default',
  present: 'success',
  late: 'info',
  excused: 'warning',
  unexcused: 'error',
  exempt: 'default',
};

/** Which actions a status allows (the API's MEETING_TRANSITIONS; it refuses the rest with 409). */
export const meetingCan = (status: MeetingStatus | undefined) => ({
  edit: status === 'draft' || status === 'scheduled' || status === 'postponed',
  remove: status === 'draft',
  schedule: status === 'draft' || status === 'postponed',
  postpone: status === 'scheduled',
  cancel: status === 'draft' || status === 'scheduled' || status === 'postponed',
  run: status === 'scheduled' || status === 'in_progress',
  minutes: status === 'held' || status === 'minutes_locked',
});

/** Vietnam's month ('YYYY-MM') of an instant, and the month after it. */
export const vietnamMonth = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);

export const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** 'YYYY-MM' → 'MM/YYYY'. */
export const monthLabel = (month: string | null | undefined): string => {
  if (!month) return '';
  const [y, m] = month.slice(0, 7).split('-');
  return `${m}/${y}`;
};
