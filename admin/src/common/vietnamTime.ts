/*
 * Every date and time the dashboard shows or reads: dd/mm/yyyy, 24-hour, in Vietnam time
 * (Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving), whatever the browser's language or time zone.
 * Two kinds of values come from the API: calendar dates ("2026-12-04", a member's birth date) and
 * instants ("2026-12-04T10:00:00Z", when something happened).
 */

const VIETNAM_OFFSET_MINUTES = 7 * 60;

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The form value of a date typed in part or that does not exist (31/02): refused by the date inputs. */
export const INVALID_DATE = 'invalid-date';

const pad = (n: number) => String(n).padStart(2, '0');
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Vietnam wall-clock parts of an instant (strings, zero-padded). */
export const vietnamParts = (date: Date) => {
  const part = Object.fromEntries(PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  return { day: part.day, month: part.month, year: part.year, hour: part.hour, minute: part.minute };
};

const toDate = (value: string | Date): Date | null => {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** 2026-12-05T12:30:00Z → "05/12/2026 19:30"; '' for nothing, the input itself when it is not a date. */
export const formatVietnamDateTime = (value: string | Date | null | undefined): string => {
  if (!value) return '';
  const date = toDate(value);
  if (!date) return String(value);
  const part = vietnamParts(date);
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
};

/**
 * "2026-12-04" → "04/12/2026" (a calendar date, as written), an instant → its date in Vietnam
 * ("2026-12-04T20:00:00Z" → "05/12/2026"); '' for nothing, the input itself when it is not a date.
 */
export const formatVietnamDate = (value: string | Date | null | undefined): string => {
  if (!value) return '';
  if (typeof value === 'string') {
    const calendar = CALENDAR_DATE.exec(value);
    if (calendar) return `${calendar[3]}/${calendar[2]}/${calendar[1]}`;
  }
  const date = toDate(value);
  if (!date) return String(value);
  const part = vietnamParts(date);
  return `${part.day}/${part.month}/${part.year}`;
};

/** An instant → "19:30" in Vietnam. */
export const formatVietnamTime = (value: string | Date | null | undefined): string => {
  if (!value) return '';
  const date = toDate(value);
  if (!date) return String(value);
  const part = vietnamParts(date);
  return `${part.hour}:${part.minute}`;
};

/** An instant → "26/11 09:30" (short: day/month and time, Vietnam). */
export const formatVietnamShortDateTime = (value: string | Date | null | undefined): string => {
  const full = formatVietnamDateTime(value);
  return full.length === 16 ? `${full.slice(0, 5)} ${full.slice(11)}` : full;
};

/** "04/12/2026" → "2026-12-04"; null when it is not a real calendar date (31/02 is not). */
export const parseVietnamDate = (text: string | null | undefined): string | null => {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text ?? '');
  if (!match) return null;
  const [day, month, year] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
};

/** "05/12/2026 19:30" (Vietnam time) → the instant as an ISO string; null when it is not a real date and time. */
export const parseVietnamDateTime = (text: string | null | undefined): string | null => {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})[:h](\d{2})\s*$/.exec(text ?? '');
  if (!match) return null;
  const [day, month, year, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute) - VIETNAM_OFFSET_MINUTES * 60_000;
  const date = new Date(utc);
  // 31/02 rolls over to March: refuse it
  if (formatVietnamDateTime(date) !== `${pad(day)}/${pad(month)}/${year} ${pad(hour)}:${pad(minute)}`) {
    return null;
  }
  return date.toISOString();
};

/** Whether a form value is a calendar date (YYYY-MM-DD) that exists. */
export const isCalendarDate = (value: string): boolean => {
  const match = CALENDAR_DATE.exec(value);
  return match != null && parseVietnamDate(`${match[3]}/${match[2]}/${match[1]}`) === value;
};

/** Vietnam's date today (YYYY-MM-DD): the API counts days in Vietnam time. */
export const vietnamToday = (now = new Date()): string => {
  const part = vietnamParts(now);
  return `${part.year}-${part.month}-${part.day}`;
};
