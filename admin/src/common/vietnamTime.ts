/*
 * Instants shown and typed in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving),
 * as dd/MM/yyyy HH:mm whatever the browser's language or time zone.
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

/** 2026-12-05T12:30:00Z → "05/12/2026 19:30"; '' for nothing, the input itself when it is not a date. */
export const formatVietnamDateTime = (value: string | Date | null | undefined): string => {
  if (!value) return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const part = Object.fromEntries(PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
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
  if (
    formatVietnamDateTime(date) !==
    `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
  ) {
    return null;
  }
  return date.toISOString();
};
