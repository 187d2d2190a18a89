import type { GetListParams, GetListResult, RaRecord } from 'react-admin';
import { filenameFromDisposition } from '../download';
import { API_URL, httpClient } from '../httpClient';
import type { DownloadedFile } from '../types';
import type {
  Attendance,
  AttendanceRow,
  CheckInCode,
  MarkableState,
  Meeting,
  MeetingAgendaItem,
  MeetingAttachment,
  MeetingComment,
  MeetingExcuse,
  MeetingGuidance,
  MeetingReport,
  MeetingReportQuery,
  MeetingRunState,
  MeetingTemplate,
  MeetingTask,
  Minutes,
  MinutesAddendum,
  Motion,
} from './types';

/*
 * The meetings calls that are not CRUD (issue 16). The CRUD of `meetings` and `meeting-guidance`
 * goes through the data provider's simple-rest part; these are spread into it (dataProvider.ts).
 * Their types are the generated ones (./types.ts); unlike the older custom calls they do not yet go through
 * `call(operationId, ...)`, which checks each answer names its operation (left to do).
 */

const url = (path: string) => `${API_URL}${path}`;
const seg = (value: string | number) => encodeURIComponent(String(value));
const post = (payload?: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(payload ?? {}) });
const put = (payload: unknown): RequestInit => ({ method: 'PUT', body: JSON.stringify(payload) });
const get = async <T>(path: string, init?: RequestInit): Promise<T> => (await httpClient(url(path), init)).json as T;

const trimmed = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The API's agenda item as the form edits it: its library documents as `documentIds`. */
const agendaForForm = (item: MeetingAgendaItem): MeetingAgendaItem => ({
  ...item,
  documentIds: (item.attachments ?? []).map((a: MeetingAttachment) => a.documentId).filter((d): d is string => !!d),
});

/** A meeting as the views read it: `month` as 'YYYY-MM', agenda items with `documentIds`. */
export const meetingFromApi = <T extends object>(input: T): T => {
  const meeting = input as T & { month?: unknown; agenda?: unknown };
  return {
    ...meeting,
    month: typeof meeting.month === 'string' ? meeting.month.slice(0, 7) : meeting.month,
    ...(Array.isArray(meeting.agenda) ? { agenda: (meeting.agenda as MeetingAgendaItem[]).map(agendaForForm) } : {}),
  };
};

/** The body of POST/PUT /api/meetings: only what the API takes (its whitelist refuses the rest). */
/** The form's record: the meeting, its agenda items carrying the library documents picked (`documentIds`). */
export type MeetingFormData = Partial<Omit<Meeting, 'agenda'>> & { agenda?: MeetingAgendaItem[] };

export const meetingBody = (data: MeetingFormData, mode: 'create' | 'update') => {
  const body: Record<string, unknown> = {
    kind: data.kind,
    month: typeof data.month === 'string' ? data.month.slice(0, 7) : undefined,
    title: data.title,
    startsAt: data.startsAt || null,
    endsAt: data.endsAt || null,
    place: trimmed(data.place) ?? null,
    onlineUrl: trimmed(data.onlineUrl) ?? null,
    agenda: (data.agenda ?? []).map((item) => ({
      // an existing item is kept with its uploaded files and members' comments
      ...(mode === 'update' && item.id ? { id: item.id } : {}),
      title: item.title,
      ...(trimmed(item.description) ? { description: trimmed(item.description) } : {}),
      ...(item.presenterMemberId ? { presenterMemberId: item.presenterMemberId } : {}),
      ...(trimmed(item.presenterName) ? { presenterName: trimmed(item.presenterName) } : {}),
      ...(item.documentIds?.length ? { documentIds: item.documentIds } : {}),
    })),
  };
  if (mode === 'create') {
    body.committeeId = data.committeeId;
    if (data.guidanceId) body.guidanceId = data.guidanceId;
  }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
};

/** The body of POST/PUT /api/meeting-guidance. */
export const guidanceBody = (data: Partial<MeetingGuidance>, mode: 'create' | 'update') => {
  const body: Record<string, unknown> = {
    month: typeof data.month === 'string' ? data.month.slice(0, 7) : undefined,
    title: data.title,
    topics: (data.topics ?? []).map((topic) => ({
      title: topic.title,
      description: trimmed(topic.description) ?? null,
      documentIds: topic.documentIds ?? [],
    })),
  };
  if (mode === 'create') body.committeeId = data.committeeId;
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
};

/** GET /meetings/{id}/attendance answers the members and a summary (a bare list is read too). */
const attendanceFromApi = (body: unknown): Attendance => {
  if (Array.isArray(body)) return { members: body as AttendanceRow[], summary: {} };
  const object = (body ?? {}) as Record<string, unknown>;
  const members = (object.members ?? object.items ?? object.rows ?? object.attendance ?? []) as AttendanceRow[];
  return { members, summary: (object.summary ?? {}) as Attendance['summary'] };
};

export interface MeetingsDataProvider {
  scheduleMeeting(meetingId: string): Promise<Meeting>;
  postponeMeeting(meetingId: string, reason: string): Promise<Meeting>;
  cancelMeeting(meetingId: string, reason: string): Promise<Meeting>;
  startMeeting(meetingId: string): Promise<MeetingRunState>;
  closeMeeting(meetingId: string): Promise<MeetingRunState>;
  getMeetingTemplate(committeeId: number): Promise<MeetingTemplate>;
  saveMeetingTemplate(committeeId: number, template: MeetingTemplate): Promise<MeetingTemplate>;
  /** POST /meeting-templates/{committeeId}/drafts: next month's draft from the branch's template. */
  planMonth(committeeId: number, month: string, guidanceId?: string): Promise<Meeting>;
  uploadAgendaAttachment(meetingId: string, itemId: string, file: File): Promise<MeetingAttachment>;
  getCheckInCode(meetingId: string): Promise<CheckInCode>;
  getAttendance(meetingId: string): Promise<Attendance>;
  markAttendance(meetingId: string, memberId: string, state: MarkableState): Promise<unknown>;
  getExcuses(meetingId: string): Promise<MeetingExcuse[]>;
  decideExcuse(meetingId: string, excuseId: string, accepted: boolean, note?: string): Promise<MeetingExcuse>;
  getMeetingComments(meetingId: string): Promise<MeetingComment[]>;
  hideMeetingComment(meetingId: string, commentId: string, reason: string): Promise<MeetingComment>;
  getMotions(meetingId: string): Promise<Motion[]>;
  openMotion(meetingId: string, title: string, secret: boolean): Promise<Motion>;
  closeMotion(meetingId: string, motionId: string): Promise<Motion>;
  getMinutes(meetingId: string): Promise<Minutes>;
  saveMinutes(meetingId: string, summary: string, conclusions: string): Promise<Minutes>;
  lockMinutes(meetingId: string): Promise<unknown>;
  addMinutesAddendum(meetingId: string, body: string): Promise<MinutesAddendum>;
  downloadMinutesPdf(meetingId: string): Promise<DownloadedFile>;
  createMeetingTask(meetingId: string, task: { title: string; assigneeMemberId?: string; dueOn?: string }): Promise<MeetingTask>;
  deleteMeetingTask(meetingId: string, taskId: string): Promise<unknown>;
  publishGuidance(guidanceId: string): Promise<MeetingGuidance>;
  /** An agenda attachment's bytes (GET /meetings/{id}/attachments/{attachmentId}/file, with the auth header). */
  downloadMeetingAttachment(meetingId: string, attachment: MeetingAttachment): Promise<DownloadedFile>;
  getMeetingReport(query?: MeetingReportQuery): Promise<MeetingReport>;
}

const listOf = <T>(body: unknown): T[] => {
  if (Array.isArray(body)) return body as T[];
  const object = (body ?? {}) as Record<string, unknown>;
  return (object.items ?? object.data ?? []) as T[];
};

const reportQuery = (query: object = {}) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
};

const meeting = (id: string) => `/meetings/${seg(id)}`;

export const meetingsMethods: MeetingsDataProvider = {
  scheduleMeeting: async (id) => meetingFromApi(await get<Meeting>(`${meeting(id)}/schedule`, post())),
  postponeMeeting: async (id, reason) => meetingFromApi(await get<Meeting>(`${meeting(id)}/postpone`, post({ reason }))),
  cancelMeeting: async (id, reason) => meetingFromApi(await get<Meeting>(`${meeting(id)}/cancel`, post({ reason }))),
  startMeeting: (id) => get<MeetingRunState>(`${meeting(id)}/start`, post()),
  closeMeeting: (id) => get<MeetingRunState>(`${meeting(id)}/close`, post()),
  getMeetingTemplate: (committeeId) => get<MeetingTemplate>(`/meeting-templates/${seg(committeeId)}`),
  saveMeetingTemplate: (committeeId, t) =>
    get<MeetingTemplate>(
      `/meeting-templates/${seg(committeeId)}`,
      put({
        title: t.title,
        dayOfMonth: Number(t.dayOfMonth),
        startTime: t.startTime,
        durationMinutes: Number(t.durationMinutes),
        place: trimmed(t.place) ?? null,
        onlineUrl: trimmed(t.onlineUrl) ?? null,
        deadlineDay: Number(t.deadlineDay),
        agenda: (t.agenda ?? []).map((item) => ({
          title: item.title,
          description: trimmed(item.description) ?? null,
          presenterMemberId: item.presenterMemberId ?? null,
          presenterName: trimmed(item.presenterName) ?? null,
        })),
      }),
    ),
  planMonth: async (committeeId, month, guidanceId) =>
    meetingFromApi(
      await get<Meeting>(`/meeting-templates/${seg(committeeId)}/drafts`, post(guidanceId ? { month, guidanceId } : { month })),
    ),
  uploadAgendaAttachment: async (id, itemId, file) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return get<MeetingAttachment>(`${meeting(id)}/agenda/${seg(itemId)}/attachments`, { method: 'POST', body: form });
  },
  getCheckInCode: (id) => get<CheckInCode>(`${meeting(id)}/check-in-code`),
  getAttendance: async (id) => attendanceFromApi(await get<unknown>(`${meeting(id)}/attendance`)),
  markAttendance: (id, memberId, state) => get(`${meeting(id)}/attendance/${seg(memberId)}`, put({ state })),
  getExcuses: async (id) => listOf<MeetingExcuse>(await get<unknown>(`${meeting(id)}/excuses`)),
  decideExcuse: (id, excuseId, accepted, note) =>
    get<MeetingExcuse>(`${meeting(id)}/excuses/${seg(excuseId)}/decision`, post(note ? { accepted, note } : { accepted })),
  getMeetingComments: async (id) => listOf<MeetingComment>(await get<unknown>(`${meeting(id)}/comments`)),
  hideMeetingComment: (id, commentId, reason) => get<MeetingComment>(`${meeting(id)}/comments/${seg(commentId)}/hide`, post({ reason })),
  getMotions: async (id) => listOf<Motion>(await get<unknown>(`${meeting(id)}/motions`)),
  openMotion: (id, title, secret) => get<Motion>(`${meeting(id)}/motions`, post({ title, secret })),
  closeMotion: (id, motionId) => get<Motion>(`${meeting(id)}/motions/${seg(motionId)}/close`, post()),
  getMinutes: (id) => get<Minutes>(`${meeting(id)}/minutes`),
  saveMinutes: (id, summary, conclusions) => get<Minutes>(`${meeting(id)}/minutes`, put({ summary, conclusions })),
  lockMinutes: (id) => get(`${meeting(id)}/minutes/lock`, post()),
  addMinutesAddendum: (id, body) => get<MinutesAddendum>(`${meeting(id)}/minutes/addenda`, post({ body })),
  downloadMinutesPdf: async (id) => {
    const { blob, headers } = await httpClient(url(`${meeting(id)}/minutes.pdf`), { responseType: 'blob' });
    return { blob: blob!, filename: filenameFromDisposition(headers, `bien-ban-${id}.pdf`) };
  },
  createMeetingTask: (id, task) => get<MeetingTask>(`${meeting(id)}/tasks`, post(task)),
  deleteMeetingTask: (id, taskId) => get(`${meeting(id)}/tasks/${seg(taskId)}`, { method: 'DELETE' }),
  publishGuidance: (id) => get<MeetingGuidance>(`/meeting-guidance/${seg(id)}/publish`, post()),
  downloadMeetingAttachment: async (id, attachment) => {
    const { blob, headers } = await httpClient(url(`${meeting(id)}/attachments/${seg(attachment.id)}/file`), { responseType: 'blob' });
    return { blob: blob!, filename: filenameFromDisposition(headers, attachment.title) };
  },
  getMeetingReport: (query) => get<MeetingReport>(`/analytics/meetings${reportQuery(query)}`),
};

/**
 * GET /analytics/meetings/missing: the admin-list contract, with the month and the committee as
 * query parameters of their own (not inside `filter`).
 */
export const getMissingBranches = async (params: GetListParams): Promise<GetListResult> => {
  const { month, committeeId, ...filter } = params.filter ?? {};
  const { page = 1, perPage = 50 } = params.pagination ?? {};
  const query = new URLSearchParams({
    range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
    filter: JSON.stringify(filter),
  });
  if (params.sort?.field) query.set('sort', JSON.stringify([params.sort.field, params.sort.order]));
  if (month) query.set('month', String(month));
  if (committeeId) query.set('committeeId', String(committeeId));
  const { json, headers } = await httpClient(url(`/analytics/meetings/missing?${query}`));
  const total = Number(headers.get('Content-Range')?.split('/').pop());
  const data = (json as RaRecord[]) ?? [];
  return { data, total: Number.isFinite(total) ? total : data.length };
};
