import simpleRestProvider from 'ra-data-simple-rest';
import type {
  CreateParams,
  DataProvider,
  GetListParams,
  GetManyParams,
  RaRecord,
  SortPayload,
  UpdateManyParams,
  UpdateParams,
} from 'react-admin';
import type {
  CommitteeQuery,
  InstallRatesResponse,
  InstallTimelineResponse,
  RolloutResponse,
  TopContentQuery,
  TopContentResponse,
  VisitsResponse,
  WindowQuery,
} from './analytics/types';
import type { components, operations } from '../../clients/typescript/schema';
import { filenameFromDisposition, localIsoDate } from './download';
import { API_URL, httpClient, type ClientOptions } from './httpClient';
import { getMissingBranches, guidanceBody, meetingBody, meetingFromApi, meetingsMethods, type MeetingsDataProvider } from './meetings/api';
import { surveyBody } from './surveys/surveyBody';
import type {
  ChangePhasePayload,
  Committee,
  CommitteeMergeResult,
  CommitteePhaseChange,
  ConvertUnansweredPayload,
  Correction,
  DownloadedFile,
  FaqAnswer,
  IdentityConflict,
  IdentityConflictOutcome,
  IssuedAccount,
  UserAccount,
  Member,
  MemberImportResult,
  MemberTransfer,
  MergeCommitteePayload,
  PartyDocument,
  Survey,
  SurveyResults,
  TransferMemberPayload,
  UnansweredQuestion,
} from './types';

/**
 * Fields the API accepts in a create/PUT body, per resource. Everything else on
 * a record (id, path, depth, childCount, timestamps...) is read-only and is not
 * sent, so that a strict server-side whitelist does not reject the form.
 * `create` lists the fields of the create body where it differs from the
 * update body.
 */
interface WritableFields {
  update: readonly string[];
  create?: readonly string[];
}

/** Fields of a request body as openapi.json names them: a renamed or removed field fails the type-check. */
type FieldsOf<Dto extends keyof components['schemas']> = readonly (keyof components['schemas'][Dto] & string)[];

const MEMBER_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'partyCardNumber',
  'externalId',
  'status',
  'admittedAt',
  'officialAt',
  'exempted',
  'exemptedAt',
  'exemptedReason',
  'phone',
  'email',
  'committeeId',
  'notInstalledReason',
] as const satisfies FieldsOf<'CreateMemberDto'>;

const WRITABLE_FIELDS: Record<string, WritableFields> = {
  committees: {
    update: ['name', 'code', 'kind', 'parentId', 'phase', 'phaseStartedAt', 'targetInstallRate'] satisfies FieldsOf<'UpdateCommitteeDto'>,
  },
  members: {
    // The end state (the register of those who left) is set on update only.
    update: [...MEMBER_FIELDS, 'endState', 'endedAt', 'endReason'] satisfies FieldsOf<'UpdateMemberDto'>,
    create: MEMBER_FIELDS,
  },
  users: {
    update: ['fullName', 'role', 'committeeId', 'isActive'] satisfies FieldsOf<'UpdateUserDto'>,
    create: ['username', 'password', 'fullName', 'role', 'committeeId'] satisfies FieldsOf<'CreateUserDto'>,
  },
  // The file of a document has its own calls (uploadDocumentFile...).
  documents: {
    update: [
      'title',
      'number',
      'type',
      'issuingBody',
      'issuedOn',
      'summary',
      'tags',
      'committeeId',
      'status',
    ] satisfies FieldsOf<'UpdateDocumentDto'>,
  },
  news: {
    update: [
      'title',
      'summary',
      'body',
      'category',
      'committeeId',
      'coverImageUrl',
      'sourced',
      'sourceName',
      'sourceUrl',
      'status',
    ] satisfies FieldsOf<'UpdateNewsDto'>,
  },
  faqs: {
    update: ['question', 'answer', 'category', 'keywords', 'committeeId', 'published'] satisfies FieldsOf<'UpdateFaqDto'>,
  },
  trainings: {
    update: ['heldOn', 'committeeId', 'topic', 'location', 'attendees', 'notes'] satisfies FieldsOf<'UpdateTrainingDto'>,
  },
};

/** Resources whose API path is not their name. */
const API_PATHS: Record<string, string> = {
  'unanswered-questions': 'faqs/unanswered',
};
const apiPath = (resource: string) => API_PATHS[resource] ?? resource;

const pickWritable = (resource: string, data: any, mode: 'create' | 'update') => {
  if (resource === 'surveys') return surveyBody(data);
  if (resource === 'meetings') return meetingBody(data, mode);
  if (resource === 'meeting-guidance') return guidanceBody(data, mode);
  const spec = WRITABLE_FIELDS[resource];
  if (!spec || !data || typeof data !== 'object') return data;
  const fields = (mode === 'create' && spec.create) || spec.update;
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => fields.includes(key) && value !== undefined));
};

/**
 * A member account's name and branch follow its member record: the API takes
 * only `isActive` for it.
 */
const updateBody = (resource: string, params: UpdateParams) => {
  const data = pickWritable(resource, params.data, 'update');
  if (resource === 'users' && params.previousData?.role === 'member') {
    return { isActive: data.isActive };
  }
  return data;
};

/** `to` of a date range is exclusive on the server: send the next day. */
const startOfLocalDay = (isoDate: string, addDays = 0): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return date.toISOString();
};

/**
 * The audit log's `from`/`to` filters are instants; the form picks days in
 * the user's time zone, both ends included.
 */
const auditLogFilter = (filter: Record<string, any> = {}) => {
  const { from, to, ...rest } = filter;
  const out: Record<string, any> = { ...rest };
  if (typeof from === 'string' && from) out.from = startOfLocalDay(from) ?? from;
  if (typeof to === 'string' && to) out.to = startOfLocalDay(to, 1) ?? to;
  return out;
};

const json = (payload: unknown): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(payload ?? {}),
});

const base = simpleRestProvider(API_URL, httpClient);

type Responses<Operation extends keyof operations> = operations[Operation]['responses'];
/** The JSON body of an operation's success answer, as openapi.json documents it. */
type Answer<Operation extends keyof operations> = {
  [Status in keyof Responses<Operation>]: Status extends 200 | 201
    ? Responses<Operation>[Status] extends { content: { 'application/json': infer Body } }
      ? Body
      : never
    : never;
}[keyof Responses<Operation>];

/** A call of a named operation of openapi.json: its answer has the documented type. */
const call = async <Operation extends keyof operations>(
  _operation: Operation,
  path: string,
  init?: ClientOptions,
): Promise<Answer<Operation>> => (await httpClient(path, init)).json;

export interface ExportMembersParams {
  format: 'xlsx' | 'csv';
  filter?: Record<string, unknown>;
  sort?: SortPayload;
}

/**
 * The app's data provider: ra-data-simple-rest over the authenticated client,
 * plus the calls that are not CRUD. Views call the custom methods through
 * `useDataProvider<AppDataProvider>()`.
 */
export interface AppDataProvider extends DataProvider, MeetingsDataProvider {
  /** GET /members/{id}/transfers: newest first. */
  getMemberTransfers(memberId: string): Promise<MemberTransfer[]>;
  /** POST /members/{id}/transfer. */
  transferMember(memberId: string, payload: TransferMemberPayload): Promise<Member>;
  /**
   * POST /members/import (multipart, field `file`). A file with problems
   * rejects with a 422 ApiError whose body.rows lists them.
   */
  importMembers(file: File, options: { dryRun: boolean }): Promise<MemberImportResult>;
  /** GET /members/export: the whole filtered list as a file. */
  exportMembers(params: ExportMembersParams): Promise<DownloadedFile>;
  /** POST /members/{id}/account: the member's app login, password once. */
  createMemberAccount(memberId: string): Promise<IssuedAccount>;
  /** POST /members/accounts/bulk with format xlsx: the credentials sheet. */
  issueMemberAccounts(committeeId: number): Promise<DownloadedFile>;
  /** POST /users/{id}/reset-password: a new one-time password. */
  resetUserPassword(userId: string): Promise<IssuedAccount>;
  /** POST /users/{id}/unlock: lifts a lock after repeated wrong passwords. */
  unlockUser(userId: string): Promise<UserAccount>;
  /** POST /corrections/{id}/approve. */
  approveCorrection(id: string, note?: string): Promise<Correction>;
  /** POST /member-identity-conflicts/{id}/resolve. */
  resolveIdentityConflict(id: string, outcome: IdentityConflictOutcome, note?: string): Promise<IdentityConflict>;
  /** POST /corrections/{id}/reject. */
  rejectCorrection(id: string, note: string): Promise<Correction>;
  /** POST /auth/password. */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** GET /analytics/install-rates: a committee's subtree and each child's. */
  getInstallRates(query?: CommitteeQuery): Promise<InstallRatesResponse>;
  /** GET /analytics/install-rates/timeline: the install-rate curve. */
  getInstallTimeline(query?: WindowQuery): Promise<InstallTimelineResponse>;
  /** GET /analytics/visits: visits per day, average with its window, DAU/MAU. */
  getVisits(query?: WindowQuery): Promise<VisitsResponse>;
  /** GET /analytics/top-content: the most viewed documents and news. */
  getTopContent(query?: TopContentQuery): Promise<TopContentResponse>;
  /** GET /analytics/rollout: sub-committees per phase, phase history. */
  getRollout(query?: CommitteeQuery): Promise<RolloutResponse>;
  /** POST /documents/{id}/file (multipart `file`): 415 for a refused type. */
  uploadDocumentFile(documentId: string, file: File): Promise<PartyDocument>;
  /** DELETE /documents/{id}/file. */
  deleteDocumentFile(documentId: string): Promise<PartyDocument>;
  /** GET /documents/{id}/file: the bytes, for a preview or a download. */
  downloadDocumentFile(documentId: string): Promise<DownloadedFile>;
  /** GET /faqs/answer: what a member asking this would get (an unanswered try is queued). */
  answerFaq(question: string): Promise<FaqAnswer>;
  /** POST /faqs/unanswered/{id}/convert: a new FAQ entry in one step. */
  convertUnansweredQuestion(
    questionId: string,
    payload: ConvertUnansweredPayload,
  ): Promise<{ faq: RaRecord; question: UnansweredQuestion }>;
  /** POST /faqs/unanswered/{id}/link: the asked wording becomes a phrasing of an existing entry. */
  linkUnansweredQuestion(questionId: string, faqId: string): Promise<{ faq: RaRecord; question: UnansweredQuestion }>;
  /** POST /faqs/unanswered/{id}/dismiss. */
  dismissUnansweredQuestion(questionId: string): Promise<UnansweredQuestion>;
  /** POST /surveys/{id}/open or /close. */
  setSurveyOpen(surveyId: string, open: boolean): Promise<Survey>;
  /** GET /surveys/{id}/results: 403 RESULTS_NOT_YET_VISIBLE before they may be read. */
  getSurveyResults(surveyId: string): Promise<SurveyResults>;
  /** GET /surveys/{id}/results/export. */
  exportSurveyResults(surveyId: string, format: 'csv' | 'xlsx'): Promise<DownloadedFile>;
  /** GET /committees/{id}/phase-history: oldest first. */
  getCommitteePhaseHistory(committeeId: number): Promise<CommitteePhaseChange[]>;
  /** POST /committees/{id}/phase. */
  changeCommitteePhase(committeeId: number, payload: ChangePhasePayload): Promise<{ changed: number; committee: Committee }>;
  /** POST /committees/{id}/merge: the committee is archived. */
  mergeCommittee(committeeId: number, payload: MergeCommitteePayload): Promise<CommitteeMergeResult>;
}

const url = (path: string) => `${API_URL}${path}`;
const id = (value: string | number) => encodeURIComponent(String(value));

/** GET an analytics report; undefined query values are left out. */
const report = async <Operation extends keyof operations>(
  operation: Operation,
  path: string,
  query: object = {},
): Promise<Answer<Operation>> => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return call(operation, url(`/analytics/${path}${qs ? `?${qs}` : ''}`));
};

/** Meetings are read with `month` as 'YYYY-MM' and each agenda item's library documents as `documentIds`. */
const fromApi = <T extends { data: RaRecord }>(resource: string, result: T): T =>
  resource === 'meetings' ? { ...result, data: meetingFromApi(result.data) } : result;
const listFromApi = <T extends { data: RaRecord[] }>(resource: string, result: T): T =>
  resource === 'meetings' ? { ...result, data: result.data.map((m) => meetingFromApi(m)) } : result;

export const dataProvider: AppDataProvider = {
  ...base,
  ...meetingsMethods,
  getList: async (resource: string, params: GetListParams) =>
    resource === 'meeting-missing-branches'
      ? getMissingBranches(params)
      : listFromApi(
          resource,
          await base.getList(apiPath(resource), resource === 'audit-log' ? { ...params, filter: auditLogFilter(params.filter) } : params),
        ),
  getOne: async (resource, params) => fromApi(resource, await base.getOne(resource, params)),
  getMany: async (resource: string, params: GetManyParams) => listFromApi(resource, await base.getMany(apiPath(resource), params)),
  create: async (resource: string, params: CreateParams) =>
    fromApi(
      resource,
      await base.create(resource, {
        ...params,
        data: pickWritable(resource, params.data, 'create'),
      }),
    ),
  update: async (resource: string, params: UpdateParams) =>
    fromApi(resource, await base.update(resource, { ...params, data: updateBody(resource, params) })),
  updateMany: (resource: string, params: UpdateManyParams) =>
    base.updateMany(resource, {
      ...params,
      data: pickWritable(resource, params.data, 'update'),
    }),

  async getMemberTransfers(memberId) {
    return call('listMemberTransfers', url(`/members/${id(memberId)}/transfers`));
  },

  async transferMember(memberId, payload) {
    return call('transferMember', url(`/members/${id(memberId)}/transfer`), json(payload));
  },

  async importMembers(file, { dryRun }) {
    const form = new FormData();
    form.append('file', file, file.name);
    // No Content-Type: the browser writes the multipart boundary itself.
    return call('importMembers', url(`/members/import${dryRun ? '?dryRun=true' : ''}`), { method: 'POST', body: form });
  },

  async exportMembers({ format, filter, sort }) {
    const query = new URLSearchParams({ format });
    if (filter && Object.keys(filter).length > 0) {
      query.set('filter', JSON.stringify(filter));
    }
    if (sort?.field) query.set('sort', JSON.stringify([sort.field, sort.order]));
    const { blob, headers } = await httpClient(url(`/members/export?${query}`), { responseType: 'blob' });
    return {
      blob: blob!,
      filename: filenameFromDisposition(headers, `dang-vien-${localIsoDate().replaceAll('-', '')}.${format}`),
    };
  },

  async createMemberAccount(memberId) {
    return call('createMemberAccount', url(`/members/${id(memberId)}/account`), json({}));
  },

  async issueMemberAccounts(committeeId) {
    const { blob, headers } = await httpClient(url('/members/accounts/bulk'), {
      ...json({ committeeId, format: 'xlsx' }),
      responseType: 'blob',
    });
    return {
      blob: blob!,
      filename: filenameFromDisposition(headers, `tai-khoan-${committeeId}-${localIsoDate()}.xlsx`),
    };
  },

  async resetUserPassword(userId) {
    return call('resetUserPassword', url(`/users/${id(userId)}/reset-password`), json({}));
  },

  async unlockUser(userId) {
    return call('unlockUser', url(`/users/${id(userId)}/unlock`), json({}));
  },

  async approveCorrection(correctionId, note) {
    return call('approveCorrection', url(`/corrections/${id(correctionId)}/approve`), json(note ? { note } : {}));
  },

  async resolveIdentityConflict(conflictId, outcome, note) {
    return call(
      'resolveIdentityConflict',
      url(`/member-identity-conflicts/${id(conflictId)}/resolve`),
      json(note ? { outcome, note } : { outcome }),
    );
  },

  async rejectCorrection(correctionId, note) {
    return call('rejectCorrection', url(`/corrections/${id(correctionId)}/reject`), json({ note }));
  },

  async changePassword(currentPassword, newPassword) {
    await httpClient(url('/auth/password'), json({ currentPassword, newPassword }));
  },

  getInstallRates: (query) => report('getInstallRates', 'install-rates', query),
  getInstallTimeline: (query) => report('getInstallTimeline', 'install-rates/timeline', query),
  getVisits: (query) => report('getVisits', 'visits', query),
  getTopContent: (query) => report('getTopContent', 'top-content', query),
  getRollout: (query) => report('getRolloutOverview', 'rollout', query),

  async uploadDocumentFile(documentId, file) {
    const form = new FormData();
    form.append('file', file, file.name);
    return call('uploadDocumentFile', url(`/documents/${id(documentId)}/file`), { method: 'POST', body: form });
  },

  async deleteDocumentFile(documentId) {
    return call('deleteDocumentFile', url(`/documents/${id(documentId)}/file`), { method: 'DELETE' });
  },

  async downloadDocumentFile(documentId) {
    const { blob, headers } = await httpClient(url(`/documents/${id(documentId)}/file`), { responseType: 'blob' });
    return {
      blob: blob!,
      filename: filenameFromDisposition(headers, `van-ban-${documentId}`),
    };
  },

  async answerFaq(question) {
    const query = new URLSearchParams({ q: question });
    return call('answerFaq', url(`/faqs/answer?${query}`));
  },

  async convertUnansweredQuestion(questionId, payload) {
    return call('convertUnansweredQuestion', url(`/faqs/unanswered/${id(questionId)}/convert`), json(payload));
  },

  async linkUnansweredQuestion(questionId, faqId) {
    return call('linkUnansweredQuestion', url(`/faqs/unanswered/${id(questionId)}/link`), json({ faqId }));
  },

  async dismissUnansweredQuestion(questionId) {
    return call('dismissUnansweredQuestion', url(`/faqs/unanswered/${id(questionId)}/dismiss`), json({}));
  },

  async setSurveyOpen(surveyId, open) {
    return call(open ? 'openSurvey' : 'closeSurvey', url(`/surveys/${id(surveyId)}/${open ? 'open' : 'close'}`), json({}));
  },

  async getSurveyResults(surveyId) {
    return call('getSurveyResults', url(`/surveys/${id(surveyId)}/results`));
  },

  async exportSurveyResults(surveyId, format) {
    const { blob, headers } = await httpClient(url(`/surveys/${id(surveyId)}/results/export?format=${format}`), { responseType: 'blob' });
    return {
      blob: blob!,
      filename: filenameFromDisposition(headers, `ket-qua-khao-sat-${localIsoDate().replaceAll('-', '')}.${format}`),
    };
  },

  async getCommitteePhaseHistory(committeeId) {
    return call('listCommitteePhaseHistory', url(`/committees/${id(committeeId)}/phase-history`));
  },

  async changeCommitteePhase(committeeId, payload) {
    return call('rolloutCommitteePhase', url(`/committees/${id(committeeId)}/phase`), json(payload));
  },

  async mergeCommittee(committeeId, payload) {
    return call('mergeCommittee', url(`/committees/${id(committeeId)}/merge`), json(payload));
  },
};
