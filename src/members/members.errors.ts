import { ApiError, type RowProblem } from '../common/errors.js';

/** Every code the member register answers besides the generic ones of common/errors.ts (NOT_FOUND, VALIDATION_FAILED, …). */
export enum MembersErrorCode {
  CommitteeArchived = 'COMMITTEE_ARCHIVED',
  PartyCardTaken = 'PARTY_CARD_TAKEN',
  ExternalIdTaken = 'EXTERNAL_ID_TAKEN',
  IdentityConflictDecided = 'IDENTITY_CONFLICT_DECIDED',
  IdentityDuplicateHasAccount = 'IDENTITY_DUPLICATE_HAS_ACCOUNT',
  MemberHasLeft = 'MEMBER_HAS_LEFT',
  // member file import
  ImportInvalid = 'IMPORT_INVALID',
  ImportEmpty = 'IMPORT_EMPTY',
  ImportNoFile = 'IMPORT_NO_FILE',
  ImportTooLarge = 'IMPORT_TOO_LARGE',
  ImportBadCsv = 'IMPORT_BAD_CSV',
  ImportUnsupportedFile = 'IMPORT_UNSUPPORTED_FILE',
  ImportTooManyRows = 'IMPORT_TOO_MANY_ROWS',
  ImportTooManyColumns = 'IMPORT_TOO_MANY_COLUMNS',
  ImportCellTooLong = 'IMPORT_CELL_TOO_LONG',
  ImportTooMuchData = 'IMPORT_TOO_MUCH_DATA',
  ImportZipBomb = 'IMPORT_ZIP_BOMB',
  ImportFileTooComplex = 'IMPORT_FILE_TOO_COMPLEX',
}

export const MemberErrors = {
  notFound: () => ApiError.notFound('Member'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  notABranch: () =>
    ApiError.validation({ committeeId: 'members belong to a branch (chi bộ) or a grassroots chi bộ cơ sở, not to a higher committee' }),
  committeeArchived: () =>
    ApiError.conflict(MembersErrorCode.CommitteeArchived, 'The branch has been merged or dissolved; use the committee it became'),
  partyCardTaken: () => ApiError.conflict(MembersErrorCode.PartyCardTaken, 'Another member already has this party card number'),
  externalIdTaken: () => ApiError.conflict(MembersErrorCode.ExternalIdTaken, 'Another member already has this external id'),
  identityConflictNotFound: () => ApiError.notFound('Identity conflict'),
  identityConflictDecided: () =>
    ApiError.conflict(MembersErrorCode.IdentityConflictDecided, 'This duplicate identity number has already been resolved or withdrawn'),
  duplicateHasAccount: () =>
    ApiError.conflict(
      MembersErrorCode.IdentityDuplicateHasAccount,
      'The duplicate record has an app account; end that account first, or keep both records and clear the wrong number',
    ),
  sameBranch: () => ApiError.validation({ committeeId: 'the member already belongs to this branch' }),
  hasLeft: () =>
    ApiError.conflict(MembersErrorCode.MemberHasLeft, 'The member has left the register; bring them back first (endState: null)'),
  transferInFuture: () => ApiError.validation({ transferredOn: 'transferredOn cannot be in the future' }),
};

/** A rejected file lists at most this many problems (a file with a wrong column could have millions). */
export const IMPORT_MAX_LISTED_PROBLEMS = 10_000;

/** A rejected import: every problem by row and column (at most IMPORT_MAX_LISTED_PROBLEMS listed); nothing was written. */
export const ImportErrors = {
  invalid: (problems: RowProblem[]) => {
    const rows = new Set(problems.map((p) => p.row)).size;
    const listed = problems.slice(0, IMPORT_MAX_LISTED_PROBLEMS);
    const more = problems.length > listed.length ? ` (the first ${listed.length} are listed)` : '';
    return new ApiError(
      422,
      MembersErrorCode.ImportInvalid,
      `${problems.length} problem(s) in ${rows} row(s)${more}; nothing was imported`,
      undefined,
      undefined,
      listed,
    );
  },
  noDataRows: () => ApiError.badRequest('The file has no data rows under its header', undefined, MembersErrorCode.ImportEmpty),
  /** The generic 415 (common/errors.ts) with the import's own message. */
  notMultipart: () => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named "file"'),
  noFile: () => ApiError.badRequest('Send the file in a multipart field named "file"', undefined, MembersErrorCode.ImportNoFile),
  tooLarge: (maxBytes: number) =>
    new ApiError(413, MembersErrorCode.ImportTooLarge, `The file is larger than ${maxBytes} bytes; split it into several files`),
  badCsv: (message: string) => ApiError.badRequest(message, undefined, MembersErrorCode.ImportBadCsv),
};

const atRow = (row: number | null) => (row === null ? '' : ` (row ${row})`);

/** A file that cannot be read, or that crosses one of the caps of import-limits.ts. */
export const ImportFileErrors = {
  empty: () => ApiError.badRequest('The file is empty', undefined, MembersErrorCode.ImportEmpty),
  unsupported: (why: string) =>
    new ApiError(415, MembersErrorCode.ImportUnsupportedFile, `${why}; send an .xlsx workbook or a UTF-8 .csv file`),
  tooManyRows: (max: number) =>
    new ApiError(413, MembersErrorCode.ImportTooManyRows, `The file has more than ${max} rows; split it into several files`),
  tooManyColumns: (max: number, row: number | null) =>
    new ApiError(
      413,
      MembersErrorCode.ImportTooManyColumns,
      `A row of the file${atRow(row)} has more than ${max} columns; delete the columns that are not needed`,
    ),
  cellTooLong: (max: number, row: number | null) =>
    new ApiError(413, MembersErrorCode.ImportCellTooLong, `A cell of the file${atRow(row)} holds more than ${max} characters; shorten it`),
  tooMuchData: (what: string) =>
    new ApiError(
      413,
      MembersErrorCode.ImportTooMuchData,
      `The file holds more than ${what}, more than an import reads at once; split it into several files`,
    ),
  zipBomb: (part: string, why: string) =>
    new ApiError(
      413,
      MembersErrorCode.ImportZipBomb,
      `The workbook's part ${part} ${why}; open the file in Excel and save it again as a new .xlsx`,
    ),
  tooComplex: (why: string) =>
    new ApiError(
      422,
      MembersErrorCode.ImportFileTooComplex,
      `The workbook's structure cannot be read safely (${why}); open the file in Excel and save it again as a new .xlsx`,
    ),
};
