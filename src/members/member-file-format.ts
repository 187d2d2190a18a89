import type { Gender, MemberStatus, NotInstalledReason } from './member.entity.js';
import { problem, RecordProblemCode, type RecordProblem } from './record-problems.js';

/**
 * The member spreadsheet, as the import reads it and the export writes it. One column list serves
 * both, so an exported file re-imports unchanged. Headers are matched without case or diacritics,
 * in Vietnamese or by the API's English field names; values are written the Vietnamese way
 * (Nam/Nữ, Chính thức/Dự bị, Có/Không, DD/MM/YYYY) and read in either language.
 */
export type MemberFileField =
  | 'fullName'
  | 'gender'
  | 'birthDate'
  | 'partyCardNumber'
  | 'externalId'
  | 'status'
  | 'admittedAt'
  | 'officialAt'
  | 'exempted'
  | 'exemptedAt'
  | 'exemptedReason'
  | 'phone'
  | 'email'
  | 'committee'
  | 'notInstalledReason'
  | 'id';

type ValueKind = 'text' | 'date' | 'gender' | 'status' | 'bool' | 'phone' | 'notInstalledReason';

export interface MemberFileColumn {
  field: MemberFileField;
  /** The header the export writes. */
  header: string;
  kind: ValueKind;
  /** Other accepted headers (besides `header` and `field`). */
  aliases: string[];
  /** Needed to create a member (an update may leave the column out). */
  required?: boolean;
}

export const MEMBER_FILE_COLUMNS: readonly MemberFileColumn[] = [
  { field: 'fullName', header: 'Họ và tên', kind: 'text', aliases: ['Họ tên', 'Full name'], required: true },
  { field: 'gender', header: 'Giới tính', kind: 'gender', aliases: [], required: true },
  { field: 'birthDate', header: 'Ngày sinh', kind: 'date', aliases: ['Birth date'], required: true },
  { field: 'partyCardNumber', header: 'Số thẻ đảng', kind: 'text', aliases: ['Số thẻ đảng viên', 'Party card number'] },
  { field: 'externalId', header: 'Mã định danh', kind: 'text', aliases: ['External id'] },
  { field: 'status', header: 'Trạng thái', kind: 'status', aliases: [], required: true },
  { field: 'admittedAt', header: 'Ngày vào Đảng', kind: 'date', aliases: ['Ngày kết nạp', 'Admitted at'], required: true },
  { field: 'officialAt', header: 'Ngày chính thức', kind: 'date', aliases: ['Official at'] },
  { field: 'exempted', header: 'Miễn sinh hoạt', kind: 'bool', aliases: ['Miễn công tác và sinh hoạt đảng'] },
  { field: 'exemptedAt', header: 'Ngày miễn', kind: 'date', aliases: ['Ngày miễn sinh hoạt', 'Exempted at'] },
  { field: 'exemptedReason', header: 'Lý do miễn', kind: 'text', aliases: ['Exempted reason'] },
  { field: 'phone', header: 'Điện thoại', kind: 'phone', aliases: ['Số điện thoại'] },
  { field: 'email', header: 'Email', kind: 'text', aliases: ['Thư điện tử'] },
  { field: 'committee', header: 'Mã chi bộ', kind: 'text', aliases: ['Committee code', 'committeeCode'], required: true },
  {
    field: 'notInstalledReason',
    header: 'Lý do chưa cài',
    kind: 'notInstalledReason',
    aliases: ['Lý do chưa cài đặt', 'Not installed reason'],
  },
  { field: 'id', header: 'Mã hệ thống', kind: 'text', aliases: ['Member id'] },
];

/** The read-only column the export adds after "Mã chi bộ" for people; the import skips it. */
export const COMMITTEE_NAME_HEADER = 'Tên chi bộ';

/** Columns people add to office spreadsheets that carry nothing to import. */
const IGNORED_HEADERS = ['STT', 'Số thứ tự', COMMITTEE_NAME_HEADER, 'Committee name', 'Ghi chú'];

/** Lower case, no diacritics (đ → d), letters and digits only: "Họ và tên" → "hovaten". */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const COLUMN_BY_HEADER = new Map<string, MemberFileColumn>();
for (const c of MEMBER_FILE_COLUMNS) for (const h of [c.header, c.field, ...c.aliases]) COLUMN_BY_HEADER.set(foldText(h), c);
const IGNORED = new Set(IGNORED_HEADERS.map(foldText));

/** The column a header names, `'ignored'` for a known column without data to import, or undefined. */
export function columnForHeader(header: string): MemberFileColumn | 'ignored' | undefined {
  const key = foldText(header);
  return COLUMN_BY_HEADER.get(key) ?? (IGNORED.has(key) ? 'ignored' : undefined);
}

export const columnOf = (field: MemberFileField) => MEMBER_FILE_COLUMNS.find((c) => c.field === field)!;

/** A cell as the readers hand it over: CSV gives strings, a workbook also numbers, booleans and dates. */
export type CellValue = string | number | boolean | Date | null;

export type Converted = { value: unknown } | { error: RecordProblem };

const GENDER_WORDS: Record<string, Gender> = { nam: 'male', male: 'male', m: 'male', nu: 'female', female: 'female', f: 'female' };
const STATUS_WORDS: Record<string, MemberStatus> = {
  chinhthuc: 'official',
  official: 'official',
  dubi: 'probationary',
  probationary: 'probationary',
};
const TRUE_WORDS = new Set(['co', 'x', 'true', '1', 'yes', 'c', 'y']);
const FALSE_WORDS = new Set(['khong', 'false', '0', 'no', 'k', 'n']);

export const NOT_INSTALLED_LABELS: Record<NotInstalledReason, string> = {
  elderly: 'Cao tuổi',
  no_smartphone: 'Không có điện thoại thông minh',
  special_unit_pending: 'Đơn vị đặc thù chờ phê duyệt',
  exempted: 'Được miễn sinh hoạt',
  other: 'Lý do khác',
};
const NOT_INSTALLED_WORDS = new Map<string, NotInstalledReason>();
for (const [code, label] of Object.entries(NOT_INSTALLED_LABELS) as [NotInstalledReason, string][]) {
  NOT_INSTALLED_WORDS.set(foldText(code), code);
  NOT_INSTALLED_WORDS.set(foldText(label), code);
}
NOT_INSTALLED_WORDS.set('khac', 'other');

/** Days between the Excel epoch (1899-12-30, after Lotus's leap-year bug) and 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A calendar date from a workbook date cell (exceljs gives UTC midnight, give or take float noise). */
function dateFromCellDate(d: Date): string {
  return new Date(Math.round(d.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * YYYY-MM-DD from `YYYY-MM-DD`, `DD/MM/YYYY` (also with `.` or `-`, one-digit day or month), a
 * workbook date, or an Excel day number. The calendar check (31/02) is memberStateProblems' job.
 */
export function parseDateCell(v: CellValue): Converted {
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? { error: problem(RecordProblemCode.DateFormat, 'not a date') } : { value: dateFromCellDate(v) };
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v >= 2_958_466)
      return { error: problem(RecordProblemCode.DateFormat, 'expected a date DD/MM/YYYY or YYYY-MM-DD') };
    return { value: new Date((Math.round(v) - EXCEL_EPOCH_OFFSET) * DAY_MS).toISOString().slice(0, 10) };
  }
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return { value: `${m[1]}-${pad(+m[2])}-${pad(+m[3])}` };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return { value: `${m[3]}-${pad(+m[2])}-${pad(+m[1])}` };
  return { error: problem(RecordProblemCode.DateFormat, 'expected a date DD/MM/YYYY or YYYY-MM-DD') };
}

/** Text of a cell; numbers keep all their digits (no exponent, no grouping). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateFromCellDate(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US', { useGrouping: false }) : String(v);
  return String(v).trim();
}

/**
 * A phone number as people type it: spaces, dots, dashes and brackets go, and a number that a
 * spreadsheet stored as a number (losing its leading 0) gets the 0 back.
 */
export function normalizePhone(v: CellValue): string {
  const s = cellText(v).replace(/[\s.()-]/g, '');
  return /^[1-9]\d{8,9}$/.test(s) ? `0${s}` : s;
}

/**
 * One cell converted to the API's value for its column: `{value}` (null for an empty cell) or
 * `{error}` with a message for the person fixing the file.
 */
export function convertCell(column: MemberFileColumn, v: CellValue): Converted {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return { value: column.kind === 'bool' ? false : null };
  switch (column.kind) {
    case 'date':
      return parseDateCell(v);
    case 'gender': {
      const g = GENDER_WORDS[foldText(cellText(v))];
      return g ? { value: g } : { error: problem(RecordProblemCode.GenderValue, 'expected Nam or Nữ (male or female)') };
    }
    case 'status': {
      const st = STATUS_WORDS[foldText(cellText(v))];
      return st
        ? { value: st }
        : { error: problem(RecordProblemCode.StatusValue, 'expected Chính thức or Dự bị (official or probationary)') };
    }
    case 'bool': {
      if (typeof v === 'boolean') return { value: v };
      const w = foldText(cellText(v));
      if (TRUE_WORDS.has(w)) return { value: true };
      if (FALSE_WORDS.has(w)) return { value: false };
      return { error: problem(RecordProblemCode.YesNoValue, 'expected Có or Không (or x for yes)') };
    }
    case 'notInstalledReason': {
      const r = NOT_INSTALLED_WORDS.get(foldText(cellText(v)));
      return r
        ? { value: r }
        : {
            error: problem(
              RecordProblemCode.NotInstalledReasonValue,
              `expected one of: ${Object.entries(NOT_INSTALLED_LABELS)
                .map(([k, l]) => `${l} (${k})`)
                .join(', ')}`,
              { values: Object.values(NOT_INSTALLED_LABELS).join(', ') },
            ),
          };
    }
    case 'phone':
      return { value: normalizePhone(v) };
    case 'text':
      return { value: cellText(v) };
  }
}

// ---- writing (the export) ----

export const formatDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
export const formatGender = (g: Gender) => (g === 'male' ? 'Nam' : 'Nữ');
export const formatStatus = (s: MemberStatus) => (s === 'official' ? 'Chính thức' : 'Dự bị');
export const formatBool = (b: boolean) => (b ? 'Có' : 'Không');
