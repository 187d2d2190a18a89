import type { GetListParams, GetListResult } from 'react-admin';
import type { components } from '../../../clients/typescript/schema';
import { answer, api, asFile, downloaded, fileUpload, presentOnly } from '../apiClient';
import type { DownloadedFile } from '../types';
import type {
  Attendance,
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
 * They go through the typed client (../apiClient.ts): tsc checks each path, its parameters, the body and
 * the answer against openapi.json, and the types they answer are the generated ones (./types.ts).
 */

type MeetingAttendanceResponse = components['schemas']['MeetingAttendanceResponse'];

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

/** GET /meetings/{id}/attendance answers the members (`items`) and a summary. */
const attendance = ({ items, summary }: MeetingAttendanceResponse): Attendance => ({ members: items, summary });

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
  markAttendance(meetingId: string, memberId: string, state: MarkableState): Promise<Attendance>;
  getExcuses(meetingId: string): Promise<MeetingExcuse[]>;
  decideExcuse(meetingId: string, excuseId: string, accepted: boolean, note?: string): Promise<MeetingExcuse>;
  getMeetingComments(meetingId: string): Promise<MeetingComment[]>;
  hideMeetingComment(meetingId: string, commentId: string, reason: string): Promise<MeetingComment>;
  getMotions(meetingId: string): Promise<Motion[]>;
  openMotion(meetingId: string, title: string, secret: boolean): Promise<Motion>;
  closeMotion(meetingId: string, motionId: string): Promise<Motion>;
  getMinutes(meetingId: string): Promise<Minutes>;
  saveMinutes(meetingId: string, summary: string, conclusions: string): Promise<Minutes>;
  lockMinutes(meetingId: string): Promise<Minutes>;
  addMinutesAddendum(meetingId: string, body: string): Promise<MinutesAddendum>;
  downloadMinutesPdf(meetingId: string): Promise<DownloadedFile>;
  createMeetingTask(meetingId: string, task: { title: string; assigneeMemberId?: string; dueOn?: string }): Promise<MeetingTask>;
  deleteMeetingTask(meetingId: string, taskId: string): Promise<MeetingTask>;
  publishGuidance(guidanceId: string): Promise<MeetingGuidance>;
  /** An agenda attachment's bytes (GET /meetings/{id}/attachments/{attachmentId}/file, with the auth header). */
  downloadMeetingAttachment(meetingId: string, attachment: MeetingAttachment): Promise<DownloadedFile>;
  getMeetingReport(query?: MeetingReportQuery): Promise<MeetingReport>;
}

const id = (meetingId: string) => ({ path: { id: meetingId } });

export const meetingsMethods: MeetingsDataProvider = {
  scheduleMeeting: async (meetingId) =>
    meetingFromApi(await answer(api.POST('/api/meetings/{id}/schedule', { params: id(meetingId), body: {} }))),
  postponeMeeting: async (meetingId, reason) =>
    meetingFromApi(await answer(api.POST('/api/meetings/{id}/postpone', { params: id(meetingId), body: { reason } }))),
  cancelMeeting: async (meetingId, reason) =>
    meetingFromApi(await answer(api.POST('/api/meetings/{id}/cancel', { params: id(meetingId), body: { reason } }))),
  startMeeting: (meetingId) => answer(api.POST('/api/meetings/{id}/start', { params: id(meetingId), body: {} })),
  closeMeeting: (meetingId) => answer(api.POST('/api/meetings/{id}/close', { params: id(meetingId), body: {} })),
  getMeetingTemplate: (committeeId) => answer(api.GET('/api/meeting-templates/{committeeId}', { params: { path: { committeeId } } })),
  saveMeetingTemplate: (committeeId, t) =>
    answer(
      api.PUT('/api/meeting-templates/{committeeId}', {
        params: { path: { committeeId } },
        body: {
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
        },
      }),
    ),
  planMonth: async (committeeId, month, guidanceId) =>
    meetingFromApi(
      await answer(
        api.POST('/api/meeting-templates/{committeeId}/drafts', {
          params: { path: { committeeId } },
          body: guidanceId ? { month, guidanceId } : { month },
        }),
      ),
    ),
  uploadAgendaAttachment: (meetingId, itemId, file) =>
    answer(
      api.POST('/api/meetings/{id}/agenda/{itemId}/attachments', { params: { path: { id: meetingId, itemId } }, ...fileUpload(file) }),
    ),
  getCheckInCode: (meetingId) => answer(api.GET('/api/meetings/{id}/check-in-code', { params: id(meetingId) })),
  getAttendance: async (meetingId) => attendance(await answer(api.GET('/api/meetings/{id}/attendance', { params: id(meetingId) }))),
  markAttendance: async (meetingId, memberId, state) =>
    attendance(
      await answer(api.PUT('/api/meetings/{id}/attendance/{memberId}', { params: { path: { id: meetingId, memberId } }, body: { state } })),
    ),
  getExcuses: (meetingId) => answer(api.GET('/api/meetings/{id}/excuses', { params: id(meetingId) })),
  decideExcuse: (meetingId, excuseId, accepted, note) =>
    answer(
      api.POST('/api/meetings/{id}/excuses/{excuseId}/decision', {
        params: { path: { id: meetingId, excuseId } },
        body: note ? { accepted, note } : { accepted },
      }),
    ),
  getMeetingComments: (meetingId) => answer(api.GET('/api/meetings/{id}/comments', { params: id(meetingId) })),
  hideMeetingComment: (meetingId, commentId, reason) =>
    answer(api.POST('/api/meetings/{id}/comments/{commentId}/hide', { params: { path: { id: meetingId, commentId } }, body: { reason } })),
  getMotions: (meetingId) => answer(api.GET('/api/meetings/{id}/motions', { params: id(meetingId) })),
  openMotion: (meetingId, title, secret) =>
    answer(api.POST('/api/meetings/{id}/motions', { params: id(meetingId), body: { title, secret } })),
  closeMotion: (meetingId, motionId) =>
    answer(api.POST('/api/meetings/{id}/motions/{motionId}/close', { params: { path: { id: meetingId, motionId } }, body: {} })),
  getMinutes: (meetingId) => answer(api.GET('/api/meetings/{id}/minutes', { params: id(meetingId) })),
  saveMinutes: (meetingId, summary, conclusions) =>
    answer(api.PUT('/api/meetings/{id}/minutes', { params: id(meetingId), body: { summary, conclusions } })),
  lockMinutes: (meetingId) => answer(api.POST('/api/meetings/{id}/minutes/lock', { params: id(meetingId), body: {} })),
  addMinutesAddendum: (meetingId, body) =>
    answer(api.POST('/api/meetings/{id}/minutes/addenda', { params: id(meetingId), body: { body } })),
  downloadMinutesPdf: (meetingId) =>
    downloaded(api.GET('/api/meetings/{id}/minutes.pdf', { params: id(meetingId), ...asFile }), `bien-ban-${meetingId}.pdf`),
  createMeetingTask: (meetingId, task) => answer(api.POST('/api/meetings/{id}/tasks', { params: id(meetingId), body: task })),
  deleteMeetingTask: (meetingId, taskId) =>
    answer(api.DELETE('/api/meetings/{id}/tasks/{taskId}', { params: { path: { id: meetingId, taskId } } })),
  publishGuidance: (guidanceId) =>
    answer(api.POST('/api/meeting-guidance/{id}/publish', { params: { path: { id: guidanceId } }, body: {} })),
  downloadMeetingAttachment: (meetingId, attachment) =>
    downloaded(
      api.GET('/api/meetings/{id}/attachments/{attachmentId}/file', {
        params: { path: { id: meetingId, attachmentId: attachment.id } },
        ...asFile,
      }),
      attachment.title,
    ),
  getMeetingReport: (query) => answer(api.GET('/api/analytics/meetings', { params: { query: presentOnly(query) } })),
};

/**
 * GET /analytics/meetings/missing: the admin-list contract, with the month and the committee as
 * query parameters of their own (not inside `filter`).
 */
export const getMissingBranches = async (params: GetListParams): Promise<GetListResult> => {
  const { month, committeeId, ...filter } = params.filter ?? {};
  const { page = 1, perPage = 50 } = params.pagination ?? {};
  const pending = api.GET('/api/analytics/meetings/missing', {
    params: {
      query: presentOnly({
        range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
        filter: JSON.stringify(filter),
        sort: params.sort?.field ? JSON.stringify([params.sort.field, params.sort.order]) : undefined,
        month: month ? String(month) : undefined,
        committeeId: committeeId ? Number(committeeId) : undefined,
      }),
    },
  });
  const data = await answer(pending);
  const total = Number((await pending).response.headers.get('Content-Range')?.split('/').pop());
  return { data, total: Number.isFinite(total) ? total : data.length };
};
