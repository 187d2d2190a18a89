/*
 * The dashboard's data provider, in two parts:
 * - react-admin's CRUD (getList, getOne, create, update, delete...) is ra-data-simple-rest over the
 *   dashboard's transport (httpClient.ts). Its paths are built by react-admin from the resource name, so
 *   tsc does not check them against openapi.json; what it sends is: WRITABLE_FIELDS below is checked
 *   against the request DTOs of openapi.json (a renamed or removed field fails the type-check), and the
 *   records it reads are the generated types (types.ts).
 * - every other call (the custom methods below and meetings/api.ts) goes through the typed client of
 *   apiClient.ts (openapi-fetch over the generated `paths`): tsc checks its path, path parameters, query,
 *   body and answer against openapi.json.
 */
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
import type { components } from '../../clients/typescript/schema';
import { answer, api, asFile, downloaded, fileUpload, presentOnly } from './apiClient';
import { localIsoDate } from './download';
import { API_URL, httpClient } from './httpClient';
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
  // A bulletin is not edited (a scheduled one is cancelled and written again).
  bulletins: {
    update: [],
    create: ['committeeId', 'title', 'text', 'link', 'publishAt'] satisfies FieldsOf<'CreateBulletinDto'>,
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

const base = simpleRestProvider(API_URL, httpClient);

/** A file format of an export; `csv-semicolon` is CSV with `;` between cells (Excel with Vietnamese regional settings). */
export type ExportChoice = 'xlsx' | 'csv' | 'csv-semicolon';

export interface ExportListParams {
  format: ExportChoice;
  filter?: Record<string, unknown>;
  sort?: SortPayload;
}

/** The lists the API exports as a file (GET /api/<resource>/export), and the file name it falls back to. */
export const EXPORTABLE_LISTS = {
  members: 'dang-vien',
  documents: 'van-ban',
  news: 'tin-tuc',
  users: 'tai-khoan',
  'audit-log': 'nhat-ky',
} as const;
export type ExportableList = keyof typeof EXPORTABLE_LISTS;

/** The query of an export in the API's terms: format, delimiter, and the list's filter and sort. */
export const exportQuery = ({ format, filter, sort }: ExportListParams) => ({
  format: format === 'xlsx' ? ('xlsx' as const) : ('csv' as const),
  ...(format === 'csv-semicolon' ? { delimiter: 'semicolon' as const } : {}),
  filter: filter && Object.keys(filter).length > 0 ? JSON.stringify(filter) : undefined,
  sort: sort?.field ? JSON.stringify([sort.field, sort.order]) : undefined,
});

/** What a bulk action did (422 BULK_ACTION_REFUSED when any record was refused: nothing changed). */
export type BulkResult = components['schemas']['BulkResult'];

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
  /** The xlsx template of the member import (header row, example row, a sheet explaining each column). */
  memberImportTemplate(): Promise<DownloadedFile>;
  /** GET /<list>/export: the whole filtered list as a file (members, documents, news, accounts, the audit log). */
  exportList(list: ExportableList, params: ExportListParams): Promise<DownloadedFile>;
  /** POST /documents/bulk-status or /news/bulk-status: publish or unpublish the chosen records, all or nothing. */
  setStatusOfMany(resource: 'documents' | 'news', ids: string[], status: 'draft' | 'published'): Promise<BulkResult>;
  /** POST /corrections/bulk-approve or bulk-reject: decide the chosen requests, all or nothing. */
  decideCorrections(ids: string[], decision: 'approve' | 'reject', note?: string): Promise<BulkResult>;
  /** POST /members/accounts/selected with format xlsx: accounts for the chosen members, the credentials sheet. */
  issueSelectedAccounts(memberIds: string[]): Promise<DownloadedFile>;
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
  exportSurveyResults(surveyId: string, format: ExportChoice): Promise<DownloadedFile>;
  /** GET /committees/{id}/phase-history: oldest first. */
  getCommitteePhaseHistory(committeeId: number): Promise<CommitteePhaseChange[]>;
  /** POST /committees/{id}/phase. */
  changeCommitteePhase(committeeId: number, payload: ChangePhasePayload): Promise<{ changed: number; committee: Committee }>;
  /** POST /committees/{id}/merge: the committee is archived. */
  mergeCommittee(committeeId: number, payload: MergeCommitteePayload): Promise<CommitteeMergeResult>;
}

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

  getMemberTransfers: (memberId) => answer(api.GET('/api/members/{id}/transfers', { params: { path: { id: memberId } } })),

  transferMember: (memberId, payload) =>
    answer(api.POST('/api/members/{id}/transfer', { params: { path: { id: memberId } }, body: payload })),

  importMembers: (file, { dryRun }) =>
    answer(api.POST('/api/members/import', { params: { query: dryRun ? { dryRun } : {} }, ...fileUpload(file) })),

  memberImportTemplate: () => downloaded(api.GET('/api/members/import-template', { ...asFile }), 'mau-nhap-dang-vien.xlsx'),

  exportList: (list, params) => {
    const query = exportQuery(params);
    const fallback = `${EXPORTABLE_LISTS[list]}-${localIsoDate().replaceAll('-', '')}.${query.format}`;
    const options = { params: { query }, ...asFile };
    switch (list) {
      case 'members':
        return downloaded(api.GET('/api/members/export', options), fallback);
      case 'documents':
        return downloaded(api.GET('/api/documents/export', options), fallback);
      case 'news':
        return downloaded(api.GET('/api/news/export', options), fallback);
      case 'users':
        return downloaded(api.GET('/api/users/export', options), fallback);
      case 'audit-log':
        return downloaded(api.GET('/api/audit-log/export', options), fallback);
    }
  },

  setStatusOfMany: (resource, ids, status) =>
    answer(
      resource === 'documents'
        ? api.POST('/api/documents/bulk-status', { body: { ids, status } })
        : api.POST('/api/news/bulk-status', { body: { ids, status } }),
    ),

  decideCorrections: (ids, decision, note) =>
    answer(
      decision === 'approve'
        ? api.POST('/api/corrections/bulk-approve', { body: note ? { ids, note } : { ids } })
        : api.POST('/api/corrections/bulk-reject', { body: { ids, note: note ?? '' } }),
    ),

  issueSelectedAccounts: (memberIds) =>
    downloaded(
      api.POST('/api/members/accounts/selected', { body: { ids: memberIds, format: 'xlsx' as const }, ...asFile }),
      `tai-khoan-${localIsoDate()}.xlsx`,
    ),

  createMemberAccount: (memberId) => answer(api.POST('/api/members/{id}/account', { params: { path: { id: memberId } }, body: {} })),

  issueMemberAccounts: (committeeId) =>
    downloaded(
      api.POST('/api/members/accounts/bulk', { body: { committeeId, format: 'xlsx' as const }, ...asFile }),
      `tai-khoan-${committeeId}-${localIsoDate()}.xlsx`,
    ),

  resetUserPassword: (userId) => answer(api.POST('/api/users/{id}/reset-password', { params: { path: { id: userId } }, body: {} })),

  unlockUser: (userId) => answer(api.POST('/api/users/{id}/unlock', { params: { path: { id: userId } }, body: {} })),

  approveCorrection: (correctionId, note) =>
    answer(api.POST('/api/corrections/{id}/approve', { params: { path: { id: correctionId } }, body: note ? { note } : {} })),

  resolveIdentityConflict: (conflictId, outcome, note) =>
    answer(
      api.POST('/api/member-identity-conflicts/{id}/resolve', {
        params: { path: { id: conflictId } },
        body: note ? { outcome, note } : { outcome },
      }),
    ),

  rejectCorrection: (correctionId, note) =>
    answer(api.POST('/api/corrections/{id}/reject', { params: { path: { id: correctionId } }, body: { note } })),

  changePassword: async (currentPassword, newPassword) => {
    await answer(api.POST('/api/auth/password', { body: { currentPassword, newPassword } }));
  },

  getInstallRates: (query) => answer(api.GET('/api/analytics/install-rates', { params: { query: presentOnly(query) } })),
  getInstallTimeline: (query) => answer(api.GET('/api/analytics/install-rates/timeline', { params: { query: presentOnly(query) } })),
  getVisits: (query) => answer(api.GET('/api/analytics/visits', { params: { query: presentOnly(query) } })),
  getTopContent: (query) => answer(api.GET('/api/analytics/top-content', { params: { query: presentOnly(query) } })),
  getRollout: (query) => answer(api.GET('/api/analytics/rollout', { params: { query: presentOnly(query) } })),

  uploadDocumentFile: (documentId, file) =>
    answer(api.POST('/api/documents/{id}/file', { params: { path: { id: documentId } }, ...fileUpload(file) })),

  deleteDocumentFile: (documentId) => answer(api.DELETE('/api/documents/{id}/file', { params: { path: { id: documentId } } })),

  downloadDocumentFile: (documentId) =>
    downloaded(api.GET('/api/documents/{id}/file', { params: { path: { id: documentId } }, ...asFile }), `van-ban-${documentId}`),

  answerFaq: (question) => answer(api.GET('/api/faqs/answer', { params: { query: { q: question } } })),

  convertUnansweredQuestion: (questionId, payload) =>
    answer(api.POST('/api/faqs/unanswered/{id}/convert', { params: { path: { id: questionId } }, body: payload })),

  linkUnansweredQuestion: (questionId, faqId) =>
    answer(api.POST('/api/faqs/unanswered/{id}/link', { params: { path: { id: questionId } }, body: { faqId } })),

  dismissUnansweredQuestion: (questionId) =>
    answer(api.POST('/api/faqs/unanswered/{id}/dismiss', { params: { path: { id: questionId } }, body: {} })),

  setSurveyOpen: (surveyId, open) => {
    const params = { path: { id: surveyId } };
    return answer(
      open ? api.POST('/api/surveys/{id}/open', { params, body: {} }) : api.POST('/api/surveys/{id}/close', { params, body: {} }),
    );
  },

  getSurveyResults: (surveyId) => answer(api.GET('/api/surveys/{id}/results', { params: { path: { id: surveyId } } })),

  exportSurveyResults: (surveyId, format) => {
    const { format: type, delimiter } = exportQuery({ format });
    return downloaded(
      api.GET('/api/surveys/{id}/results/export', { params: { path: { id: surveyId }, query: { format: type, delimiter } }, ...asFile }),
      `ket-qua-khao-sat-${localIsoDate().replaceAll('-', '')}.${type}`,
    );
  },

  getCommitteePhaseHistory: (committeeId) =>
    answer(api.GET('/api/committees/{id}/phase-history', { params: { path: { id: committeeId } } })),

  changeCommitteePhase: (committeeId, payload) =>
    answer(api.POST('/api/committees/{id}/phase', { params: { path: { id: committeeId } }, body: payload })),

  mergeCommittee: (committeeId, payload) =>
    answer(api.POST('/api/committees/{id}/merge', { params: { path: { id: committeeId } }, body: payload })),
};
