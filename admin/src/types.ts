/**
 * Shapes of the API contract shared by the providers and the views: aliases of the types
 * generated from openapi.json (clients/typescript/schema.ts, `npm run client`: the same types the SDK uses), so that an API change
 * the dashboard does not follow fails its type-check. The value lists below are checked
 * against the generated enums both ways.
 */
import type { components } from '../../clients/typescript/schema';

type Schemas = components['schemas'];

/** A value list that names every member of a generated enum, and nothing else. */
type Exhaustive<List extends readonly string[], Enum extends string> = [Enum] extends [List[number]] ? List : never;
const values =
  <Enum extends string>() =>
  <const List extends readonly Enum[]>(list: Exhaustive<List, Enum>): List =>
    list;

export const ROLES = values<Schemas['Role']>()(['admin', 'committee_admin', 'secretary', 'editor', 'member']);
export type Role = Schemas['Role'];

/** Roles allowed into the dashboard; `member` uses the mobile app. */
export const STAFF_ROLES: readonly Role[] = values<Schemas['StaffRole']>()(['admin', 'committee_admin', 'secretary', 'editor']);

export type AuthUser = Schemas['UserProfile'];
export type AuthResponse = Schemas['LoginResult'];

/** Error body of every failed API call. */
export type ApiErrorBody = Schemas['ErrorBody'];

export const COMMITTEE_KINDS = values<Schemas['CommitteeKind']>()(['central', 'province', 'subordinate', 'grassroots', 'branch']);
export type CommitteeKind = Schemas['CommitteeKind'];

export const COMMITTEE_PHASES = values<Schemas['RolloutPhase']>()(['not_started', 'trial', 'pilot', 'live', 'on_hold']);
export type CommitteePhase = Schemas['RolloutPhase'];

export type Committee = Schemas['CommitteeResponse'];

/* ------------------------------------------------------------------------ */
/* Members                                                                   */
/* ------------------------------------------------------------------------ */

export const MEMBER_STATUSES = values<Schemas['MemberStatus']>()(['official', 'probationary']);
export type MemberStatus = Schemas['MemberStatus'];

export const GENDERS = values<Schemas['Gender']>()(['male', 'female']);
export type Gender = Schemas['Gender'];

export const NOT_INSTALLED_REASONS = values<Schemas['NotInstalledReason']>()([
  'elderly',
  'no_smartphone',
  'special_unit_pending',
  'exempted',
  'other',
]);
export type NotInstalledReason = Schemas['NotInstalledReason'];

/** Temporarily attending at another Party organisation, or suspended: not counted for branch decisions. */
export const ACTIVITY_HOLDS = values<Schemas['ActivityHold']>()(['temporary_transfer', 'suspended']);
export type ActivityHold = Schemas['ActivityHold'];

export const END_STATES = values<Schemas['EndState']>()(['transferred_out', 'resigned', 'removed', 'expelled', 'deceased']);
export type EndState = Schemas['EndState'];

/** `current` (the default), `left` (an end state), `all`. */
export const MEMBER_REGISTERS = ['current', 'left', 'all'] as const;
export type MemberRegister = (typeof MEMBER_REGISTERS)[number];

export const TRANSFER_KINDS = values<Schemas['TransferKind']>()(['official', 'temporary', 'restructuring']);
export type TransferKind = Schemas['TransferKind'];

export type Member = Schemas['MemberResponse'];
export type MemberTransfer = Schemas['MemberTransferResponse'];
export type TransferMemberPayload = Schemas['TransferMemberDto'];

/** What an import did, or on a dry run would do. */
export type MemberImportResult = Schemas['MemberImportResult'];

/** One problem of a rejected import (422 IMPORT_INVALID). */
export type ImportRowProblem = Schemas['RowProblem'];

/* ------------------------------------------------------------------------ */
/* Accounts                                                                  */
/* ------------------------------------------------------------------------ */

export type UserAccount = Schemas['UserResponse'];

/** An account and its generated password, answered only once. */
export type IssuedAccount = Schemas['IssuedAccountResponse'];

/** A downloaded file (export, credentials sheet). */
export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/* ------------------------------------------------------------------------ */
/* Corrections                                                               */
/* ------------------------------------------------------------------------ */

export const IDENTITY_CONFLICT_STATUSES = values<Schemas['IdentityConflictStatus']>()(['pending', 'resolved', 'withdrawn']);
export type IdentityConflictStatus = Schemas['IdentityConflictStatus'];
export const IDENTITY_CONFLICT_OUTCOMES = values<Schemas['IdentityConflictOutcome']>()(['same_person', 'keep_existing', 'keep_new']);
export type IdentityConflictOutcome = Schemas['IdentityConflictOutcome'];

export type IdentityConflictMember = Schemas['IdentityConflictMemberResponse'];

/** A duplicate party card number / external id awaiting verification (GET /member-identity-conflicts). */
export type IdentityConflict = Schemas['IdentityConflictResponse'];

export const CORRECTION_STATUSES = values<Schemas['CorrectionStatus']>()(['pending', 'approved', 'rejected']);
export type CorrectionStatus = Schemas['CorrectionStatus'];

export const CORRECTION_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'phone',
  'email',
  'partyCardNumber',
  'admittedAt',
  'officialAt',
] as const satisfies readonly (keyof Schemas['CorrectionChangesDto'])[];
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

/** The list answers the summary; the single record adds the values (changes, current, reason, decision). */
export type Correction = Schemas['CorrectionSummaryResponse'] &
  Partial<Omit<Schemas['CorrectionResponse'], keyof Schemas['CorrectionSummaryResponse']>>;

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
  'bulletin',
  'meeting',
  'meeting_guidance',
  'meeting_task',
  'meeting_template',
  'member_identity_conflict',
  'audit',
] as const;

export type AuditEntry = Schemas['AuditEntryResponse'];

/* ------------------------------------------------------------------------ */
/* Content: documents, news, FAQ, surveys; trainings; committee phases       */
/* ------------------------------------------------------------------------ */

export const CONTENT_STATUSES = values<Schemas['ContentStatus']>()(['draft', 'published']);
export type ContentStatus = Schemas['ContentStatus'];

export const DOCUMENT_TYPES = values<Schemas['DocumentType']>()([
  'resolution',
  'directive',
  'conclusion',
  'regulation',
  'guidance',
  'announcement',
  'decision',
  'plan',
  'study_material',
  'other',
]);
export type DocumentType = Schemas['DocumentType'];

export type DocumentFile = Schemas['DocumentFileResponse'];
export type PartyDocument = Schemas['DocumentResponse'];

export const NEWS_CATEGORIES = values<Schemas['NewsCategory']>()([
  'party_building',
  'policy',
  'local',
  'example',
  'international',
  'other',
]);
export type NewsCategory = Schemas['NewsCategory'];

export type FaqMatch = Schemas['FaqMatchResponse'];
export type FaqAnswer = Schemas['FaqAnswerResponse'];

export const UNANSWERED_STATUSES = values<Schemas['UnansweredStatus']>()(['open', 'converted', 'dismissed']);
export type UnansweredStatus = Schemas['UnansweredStatus'];

export type UnansweredQuestion = Schemas['UnansweredQuestionResponse'];
export type ConvertUnansweredPayload = Schemas['ConvertUnansweredDto'];

export const SURVEY_KINDS = values<Schemas['SurveyKind']>()(['survey', 'quiz']);
export type SurveyKind = Schemas['SurveyKind'];
export const SURVEY_STATUSES = values<Schemas['SurveyStatus']>()(['draft', 'scheduled', 'open', 'closed']);
export type SurveyStatus = Schemas['SurveyStatus'];
export const SURVEY_QUESTION_TYPES = values<Schemas['SurveyQuestionType']>()([
  'single',
  'multiple',
  'short_text',
  'long_text',
  'rating',
  'section',
]);
export type SurveyQuestionType = Schemas['SurveyQuestionType'];

/** An option or question as the form edits it: what the API answers or what it takes (without ids). */
export type SurveyOption = Schemas['SurveyOptionInput'] & Partial<Schemas['SurveyOptionView']>;
export type SurveyQuestion = Schemas['SurveyQuestionInput'] &
  Omit<Partial<Schemas['SurveyQuestionView']>, 'options'> & { options?: SurveyOption[] };

/** The list answers list items; the single record adds its questions. */
export type Survey = Schemas['SurveyListItem'] & { questions?: SurveyQuestion[] };

export type SurveyQuestionResult = Schemas['QuestionResult'];
export type SurveyResults = Schemas['SurveyResults'];

export type CommitteePhaseChange = Schemas['CommitteePhaseChangeResponse'];
export type ChangePhasePayload = Schemas['ChangeCommitteePhaseDto'];
export type MergeCommitteePayload = Schemas['MergeCommitteeDto'];
export type CommitteeMergeResult = Schemas['CommitteeMergeResponse'];
