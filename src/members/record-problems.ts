/**
 * The problems a member record or a row of a member file can have, each with a stable code. The API
 * answers the code beside an English message; the dashboard shows a Vietnamese sentence keyed by the
 * code (admin/src/i18n: `resources.members.import.problems.<CODE>`; a test fails when one is
 * missing), so a secretary fixing a spreadsheet reads every problem in Vietnamese.
 */
export enum RecordProblemCode {
  // the file's header row
  NoHeaderRow = 'NO_HEADER_ROW',
  UnknownColumn = 'UNKNOWN_COLUMN',
  DuplicateColumn = 'DUPLICATE_COLUMN',
  // a cell that cannot be read as its column's kind
  DateFormat = 'DATE_FORMAT',
  GenderValue = 'GENDER_VALUE',
  StatusValue = 'STATUS_VALUE',
  YesNoValue = 'YES_NO_VALUE',
  NotInstalledReasonValue = 'NOT_INSTALLED_REASON_VALUE',
  // the row against the file and the register
  Required = 'REQUIRED',
  RequiredColumnMissing = 'REQUIRED_COLUMN_MISSING',
  BadMemberId = 'BAD_MEMBER_ID',
  DuplicateInFile = 'DUPLICATE_IN_FILE',
  SameMemberAsRow = 'SAME_MEMBER_AS_ROW',
  MemberNotFound = 'MEMBER_NOT_FOUND',
  PartyCardTakenByOther = 'PARTY_CARD_TAKEN_BY_OTHER',
  ExternalIdTakenByOther = 'EXTERNAL_ID_TAKEN_BY_OTHER',
  CommitteeNotFound = 'COMMITTEE_NOT_FOUND',
  CommitteeNotABranch = 'COMMITTEE_NOT_A_BRANCH',
  CommitteeArchived = 'COMMITTEE_ARCHIVED',
  MemberHasLeft = 'MEMBER_HAS_LEFT',
  // a value's own form (the API's CreateMemberDto)
  PhoneFormat = 'PHONE_FORMAT',
  EmailFormat = 'EMAIL_FORMAT',
  TooLong = 'TOO_LONG',
  InvalidValue = 'INVALID_VALUE',
  // the register's rules (members.rules.ts memberStateProblems)
  DateNotReal = 'DATE_NOT_REAL',
  DateInFuture = 'DATE_IN_FUTURE',
  AdmittedUnder18 = 'ADMITTED_UNDER_18',
  AdmittedOver60 = 'ADMITTED_OVER_60',
  OfficialDateMissing = 'OFFICIAL_DATE_MISSING',
  OfficialBeforeAdmitted = 'OFFICIAL_BEFORE_ADMITTED',
  ProbationaryWithOfficialDate = 'PROBATIONARY_WITH_OFFICIAL_DATE',
  PartyCardProbationary = 'PARTY_CARD_PROBATIONARY',
  ExemptionDateMissing = 'EXEMPTION_DATE_MISSING',
  ExemptionDateWithoutExemption = 'EXEMPTION_DATE_WITHOUT_EXEMPTION',
  HoldDateMissing = 'HOLD_DATE_MISSING',
  HoldDateWithoutHold = 'HOLD_DATE_WITHOUT_HOLD',
  HoldNoteWithoutHold = 'HOLD_NOTE_WITHOUT_HOLD',
  EndDateMissing = 'END_DATE_MISSING',
  InstalledWithReason = 'INSTALLED_WITH_REASON',
}

/** Values a problem's sentence names (a row number, the accepted columns), for the translated sentence. */
export type ProblemParams = Record<string, string | number>;

/** One problem of a field: its code, the English sentence the API has always answered, and its values. */
export interface RecordProblem {
  code: RecordProblemCode;
  message: string;
  params?: ProblemParams;
}

export const problem = (code: RecordProblemCode, message: string, params?: ProblemParams): RecordProblem =>
  params ? { code, message, params } : { code, message };

/** Field → message, as the API's validation errors (400 `errors`) carry them. */
export const problemMessages = (problems: Record<string, RecordProblem>): Record<string, string> =>
  Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, p.message]));

const DATE_FIELDS = new Set(['birthDate', 'admittedAt', 'officialAt', 'exemptedAt', 'activityHoldSince', 'endedAt']);

/** The code of a class-validator failure of CreateMemberDto on `field` (its constraint's name). */
export function constraintProblemCode(field: string, constraint: string): RecordProblemCode {
  if (field === 'phone' && constraint === 'matches') return RecordProblemCode.PhoneFormat;
  if (field === 'email' && constraint !== 'maxLength') return RecordProblemCode.EmailFormat;
  if (DATE_FIELDS.has(field) && constraint === 'matches') return RecordProblemCode.DateFormat;
  if (constraint === 'maxLength') return RecordProblemCode.TooLong;
  if (constraint === 'isNotEmpty' || constraint === 'notBlank' || constraint === 'isDefined') return RecordProblemCode.Required;
  return RecordProblemCode.InvalidValue;
}
