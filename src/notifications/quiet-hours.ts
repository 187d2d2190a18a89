/**
 * Quiet hours in Vietnam time (Asia/Ho_Chi_Minh, the zone of common/dates.ts: UTC+7 all year, no
 * daylight saving). A window is minutes of the day, start inclusive, end exclusive; it may wrap
 * midnight (22:00-06:00). During it a push waits; the inbox shows the notification at once.
 */
const VIETNAM_OFFSET_MINUTES = 7 * 60;
const DAY_MINUTES = 24 * 60;

export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (00:00-23:59) as minutes of the day, or null when it is not such a time. */
export function parseClock(value: string): number | null {
  const m = CLOCK.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The minute of the day in Vietnam at `at`. */
export function vietnamMinuteOfDay(at: Date): number {
  const utcMinutes = Math.floor(at.getTime() / 60_000);
  return (((utcMinutes + VIETNAM_OFFSET_MINUTES) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

export function inQuietHours(quiet: QuietHours, at: Date): boolean {
  const m = vietnamMinuteOfDay(at);
  return quiet.startMinute < quiet.endMinute
    ? m >= quiet.startMinute && m < quiet.endMinute
    : m >= quiet.startMinute || m < quiet.endMinute;
}

/** When a push due at `at` may go: `at` itself outside quiet hours, else the end of the window (whole minute). */
export function pushNotBefore(quiet: QuietHours | null, at: Date): Date {
  if (!quiet || !inQuietHours(quiet, at)) return at;
  const wait = (quiet.endMinute - vietnamMinuteOfDay(at) + DAY_MINUTES) % DAY_MINUTES;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}
