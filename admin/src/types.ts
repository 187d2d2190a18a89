/** Shapes of the API contract shared by the providers and the views. */

export const ROLES = ['admin', 'committee_admin', 'secretary', 'editor', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Roles allowed into the dashboard; `member` uses the mobile app. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'committee_admin', 'secretary', 'editor'];

export interface AuthUser {
  /** uuid */
  id: string;
  username: string;
  fullName: string;
  role: Role;
  committeeId: number | null;
  committeeName: string | null;
  /** uuid of the member record of a `member` account (null for staff). */
  memberId?: string | null;
  mustChangePassword: boolean;
}

export interface AuthResponse {
  accessToken: string;
  refreshToken: string;
  user: AuthUser;
}

/** Error body of every failed API call. */
export interface ApiErrorBody {
  statusCode: number;
  code?: string;
  message?: string | string[];
  errors?: Record<string, string>;
  requestId?: string;
  /** Every problem of a rejected file import (code IMPORT_INVALID). */
  rows?: ImportRowProblem[];
}

export const COMMITTEE_KINDS = ['central', 'province', 'subordinate', 'grassroots', 'branch'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

export const COMMITTEE_PHASES = ['not_started', 'trial', 'pilot', 'live', 'on_hold'] as const;
export type CommitteePhase = (typeof COMMITTEE_PHASES)[number];

export interface Committee {
  id: number;
  name: string;
  code: string;
  kind: CommitteeKind;
  parentId: number | null;
  /** Read-only materialised path of ids, e.g. "1.5.23". */
  path: string;
  depth: number;
  childCount: number;
  phase: CommitteePhase;
  /** YYYY-MM-DD */
  phaseStartedAt: string | null;
  /** 0..1 */
  targetInstallRate: number | null;
  createdAt: string;
  updatedAt: string;
}

/* ------------------------------------------------------------------------ */
/* Members                                                                   */
/* ------------------------------------------------------------------------ */

export const MEMBER_STATUSES = ['official', 'probationary'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const NOT_INSTALLED_REASONS = ['elderly', 'no_smartphone', 'special_unit_pending', 'exempted', 'other'] as const;
export type NotInstalledReason = (typeof NOT_INSTALLED_REASONS)[number];

export const END_STATES = ['transferred_out', 'resigned', 'removed', 'expelled', 'deceased'] as const;
export type EndState = (typeof END_STATES)[number];

/** `current` (the default), `left` (an end state), `all`. */
export const MEMBER_REGISTERS = ['current', 'left', 'all'] as const;
export type MemberRegister = (typeof MEMBER_REGISTERS)[number];

export const TRANSFER_KINDS = ['official', 'temporary', 'restructuring'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export interface Member {
  /** uuid */
  id: string;
  fullName: string;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  partyCardNumber: string | null;
  externalId: string | null;
  status: MemberStatus;
  admittedAt: string;
  officialAt: string | null;
  exempted: boolean;
  exemptedAt: string | null;
  exemptedReason: string | null;
  phone: string | null;
  email: string | null;
  committeeId: number;
  committeeName: string | null;
  endState: EndState | null;
  endedAt: string | null;
  endReason: string | null;
  notInstalledReason: NotInstalledReason | null;
  /** Read-only: set by the member's first device registration. */
  installedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MemberTransfer {
  id: string;
  fromCommitteeId: number;
  fromCommitteeName: string | null;
  toCommitteeId: number;
  toCommitteeName: string | null;
  transferredOn: string;
  kind: TransferKind;
  reason: string | null;
  createdAt: string;
}

export interface TransferMemberPayload {
  committeeId: number;
  kind?: 'official' | 'temporary';
  transferredOn?: string;
  reason?: string;
}

/** What an import did, or on a dry run would do. */
export interface MemberImportResult {
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  transferred: number;
}

/** One problem of a rejected import (422 IMPORT_INVALID). */
export interface ImportRowProblem {
  /** Spreadsheet row number; the header is row 1. */
  row: number;
  column: string;
  message: string;
}

/* ------------------------------------------------------------------------ */
/* Accounts                                                                  */
/* ------------------------------------------------------------------------ */

export interface UserAccount {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  committeeId: number | null;
  committeeName: string | null;
  memberId: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  /** Locked after repeated wrong passwords until then; null when not locked. */
  lockedUntil: string | null;
  createdAt: string;
}

/** An account and its generated password, answered only once. */
export interface IssuedAccount {
  user: UserAccount;
  initialPassword: string | null;
}

/** A downloaded file (export, credentials sheet). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/* ------------------------------------------------------------------------ */
/* Corrections                                                               */
/* ------------------------------------------------------------------------ */

export const IDENTITY_CONFLICT_STATUSES = ['pending', 'resolved', 'withdrawn'] as const;
export type IdentityConflictStatus = (typeof IDENTITY_CONFLICT_STATUSES)[number];
export const IDENTITY_CONFLICT_OUTCOMES = ['same_person', 'keep_existing', 'keep_new'] as const;
export type IdentityConflictOutcome = (typeof IDENTITY_CONFLICT_OUTCOMES)[number];

export interface IdentityConflictMember {
  id: string;
  fullName: string;
  birthDate: string;
  committeeId: number;
  committeeName: string | null;
}

/** A duplicate party card number / external id awaiting verification (GET /member-identity-conflicts). */
export interface IdentityConflict {
  id: string;
  field: 'partyCardNumber' | 'externalId';
  value: string;
  member: IdentityConflictMember | null;
  holder: IdentityConflictMember | null;
  committeeId: number;
  committeeName: string | null;
  status: IdentityConflictStatus;
  outcome: IdentityConflictOutcome | null;
  note: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export const CORRECTION_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'phone',
  'email',
  'partyCardNumber',
  'admittedAt',
  'officialAt',
] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

export interface Correction {
  id: string;
  memberId: string;
  memberName: string | null;
  committeeId: number;
  committeeName: string | null;
  fields: CorrectionField[];
  status: CorrectionStatus;
  createdAt: string;
  decidedAt: string | null;
  /** Only on the single-record response. */
  changes?: Partial<Record<CorrectionField, string | null>>;
  current?: Partial<Record<CorrectionField, string | null>>;
  reason?: string;
  decidedBy?: string | null;
  decisionNote?: string | null;
}

/* ------------------------------------------------------------------------ */
/* Audit log                                                                 */
/* ------------------------------------------------------------------------ */

export const AUDIT_ENTITY_TYPES = [
  'member',
  'committee',
  'user',
  'correction',
  'training',
  'document',
  'news',
  'faq',
  'survey',
  'analytics',
] as const;

export interface AuditEntry {
  id: number;
  occurredAt: string;
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  committeeId: number | null;
  details: Record<string, unknown>;
  /** Anonymised (last octet zeroed). */
  clientAddress: string | null;
  requestId: string | null;
}

/* ------------------------------------------------------------------------ */
/* Content: documents, news, FAQ, surveys; trainings; committee phases       */
/* ------------------------------------------------------------------------ */

export const CONTENT_STATUSES = ['draft', 'published'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const DOCUMENT_TYPES = ['resolution', 'directive', 'conclusion', 'regulation', 'guidance', 'study_material', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentFile {
  /** Detected from the bytes: application/pdf, …wordprocessingml.document, image/png|jpeg|webp */
  mime: string;
  name: string;
  size: number;
  sha256: string;
}

export interface PartyDocument {
  id: string;
  committeeId: number;
  committeeName: string | null;
  title: string;
  number: string | null;
  type: DocumentType;
  issuingBody: string;
  /** YYYY-MM-DD */
  issuedOn: string | null;
  summary: string;
  tags: string[];
  status: ContentStatus;
  publishedAt: string | null;
  file: DocumentFile | null;
  createdAt: string;
  updatedAt: string;
}

export const NEWS_CATEGORIES = ['party_building', 'policy', 'local', 'example', 'international', 'other'] as const;
export type NewsCategory = (typeof NEWS_CATEGORIES)[number];

export interface FaqMatch {
  id: string;
  question: string;
  /** Plain text or sanitised light HTML */
  answer: string;
  /** 0..1 */
  score: number;
}

export interface FaqAnswer {
  answered: boolean;
  matches: FaqMatch[];
}

export const UNANSWERED_STATUSES = ['open', 'converted', 'dismissed'] as const;
export type UnansweredStatus = (typeof UNANSWERED_STATUSES)[number];

export interface UnansweredQuestion {
  id: string;
  text: string;
  timesAsked: number;
  firstAskedAt: string;
  lastAskedAt: string;
  committeeId: number | null;
  committeeName: string | null;
  status: UnansweredStatus;
  faqId: string | null;
}

export interface ConvertUnansweredPayload {
  question?: string;
  answer: string;
  category: string;
  keywords?: string[];
  committeeId: number;
  published?: boolean;
}

export const SURVEY_KINDS = ['survey', 'quiz'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const SURVEY_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_QUESTION_TYPES = ['single', 'multiple', 'short_text', 'long_text', 'rating', 'section'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];

export interface SurveyOption {
  id?: string;
  text: string;
  correct?: boolean;
}

export interface SurveyQuestion {
  id?: string;
  text: string;
  type: SurveyQuestionType;
  required: boolean;
  minSelections?: number | null;
  maxSelections?: number | null;
  points?: number | null;
  options?: SurveyOption[];
}

export interface Survey {
  id: string;
  committeeId: number;
  committeeName: string | null;
  title: string;
  description: string | null;
  kind: SurveyKind;
  status: SurveyStatus;
  opensAt: string | null;
  closesAt: string | null;
  anonymous: boolean;
  resultsVisibility: 'after_close' | 'live';
  resultsVisible: boolean;
  passMark: number | null;
  maxScore: number | null;
  questionCount: number;
  /** Anonymous surveys: null while fewer than SURVEY_ANONYMITY_K answers are counted. */
  respondents: number | null;
  respondentsSuppressed: boolean;
  publishedAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  /** Only on the single-record response. */
  questions?: SurveyQuestion[];
}

export interface SurveyQuestionResult {
  questionId: string;
  position: number;
  text: string;
  type: SurveyQuestionType;
  required: boolean;
  /** Anonymous surveys: a question answered by fewer than k shows no figure (null) and no text. */
  suppressed: boolean;
  answered: number | null;
  skipped: number | null;
  options: { optionId: string; text: string; correct: boolean | null; count: number | null; percent: number | null }[] | null;
  rating: {
    average: number | null;
    distribution: { value: number; count: number | null; percent: number | null }[];
  } | null;
  textAnswers: { text: string; memberName: string | null; committeeName: string | null }[] | null;
  textAnswerCount: number | null;
  correctCount: number | null;
  correctPercent: number | null;
}

export interface SurveyResults {
  surveyId: string;
  title: string;
  kind: SurveyKind;
  status: SurveyStatus;
  anonymous: boolean;
  committeeId: number;
  committeeName: string;
  computedAt: string;
  invited: number;
  respondents: number | null;
  /** Anonymous surveys: fewer than anonymityThreshold answers are counted, so nothing is shown. */
  suppressed: boolean;
  anonymityThreshold: number | null;
  /** A percentage with one decimal */
  responseRate: number | null;
  questions: SurveyQuestionResult[];
  participation: {
    committeeId: number;
    committeeName: string;
    own: boolean;
    invited: number;
    respondents: number | null;
    suppressed: boolean;
    rate: number | null;
  }[];
  responsesByDay: { date: string; count: number | null; suppressed: boolean }[];
  quiz: {
    maxScore: number;
    passMark: number;
    passed: number | null;
    passRate: number | null;
    averageScore: number | null;
    scoreDistribution: { score: number; count: number | null; percent: number | null }[];
  } | null;
}

export interface CommitteePhaseChange {
  id: string;
  committeeId: number;
  fromPhase: CommitteePhase | null;
  toPhase: CommitteePhase;
  startedOn: string | null;
  actorId: string | null;
  actorUsername: string | null;
  changedAt: string;
}

export interface ChangePhasePayload {
  phase: CommitteePhase;
  startedOn?: string;
  applyToSubtree?: boolean;
}

export interface MergeCommitteePayload {
  targetId: number;
  mergedOn?: string;
  reason?: string;
}

export interface CommitteeMergeResult {
  target: Committee;
  moved: { children: number; members: number; accounts: number };
}
