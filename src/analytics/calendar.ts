import { localDate } from '../common/dates.js';

/**
 * Dates of the analytics calendar: Vietnam's (UTC+7, no daylight saving). Days are `YYYY-MM-DD`,
 * months `YYYY-MM-01`; arithmetic is done on the calendar, never on local clocks.
 */
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (`YYYY-MM-DD`) that exists (rejects 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for the same day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The first day of the month of `day`. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month `n` months after (or before) the month of `day`. */
export function addMonths(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** The instant a Vietnam day begins. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/**
 * The oldest moment raw events are kept for: the start of the month `retentionMonths` months before
 * the current (Vietnam) month. With 13, on 2026-03-15 events from 2025-02-01 00:00 (UTC+7) on are kept.
 */
export function retentionCutoff(now: Date, retentionMonths: number): { day: string; at: Date } {
  const day = addMonths(localDate(now), -retentionMonths);
  return { day, at: startOfDay(day) };
}
