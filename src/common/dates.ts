/** The product's calendar is Vietnam's (UTC+7, no daylight saving): "today" is the date in Hà Nội. */
export const APP_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: APP_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` of `at` (default now) in Vietnam. */
export function localDate(at: Date = new Date()): string {
  return fmt.format(at);
}
