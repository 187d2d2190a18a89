import { describe, expect, it } from '@jest/globals';
import { formatClock, inQuietHours, parseClock, pushNotBefore } from './quiet-hours.js';

const night = { startMinute: 22 * 60, endMinute: 6 * 60 };
const lunch = { startMinute: 11 * 60 + 30, endMinute: 13 * 60 };

describe('quiet hours (Vietnam time)', () => {
  it('reads and writes HH:MM', () => {
    expect(parseClock('22:00')).toBe(1320);
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('23:59')).toBe(1439);
    for (const bad of ['24:00', '7:00', '07:60', '0700', ' 07:00', '']) expect(parseClock(bad)).toBeNull();
    expect(formatClock(1320)).toBe('22:00');
    expect(formatClock(65)).toBe('01:05');
  });

  it('are read in Vietnam time, across midnight', () => {
    // 15:30 UTC is 22:30 in Hà Nội; 22:59 UTC is 05:59 the next morning; 23:00 UTC is 06:00
    expect(inQuietHours(night, new Date('2026-12-01T15:30:00Z'))).toBe(true);
    expect(inQuietHours(night, new Date('2026-12-01T22:59:00Z'))).toBe(true);
    expect(inQuietHours(night, new Date('2026-12-01T23:00:00Z'))).toBe(false);
    expect(inQuietHours(night, new Date('2026-12-01T14:59:00Z'))).toBe(false);
    expect(inQuietHours(lunch, new Date('2026-12-01T04:45:00Z'))).toBe(true); // 11:45
    expect(inQuietHours(lunch, new Date('2026-12-01T06:00:00Z'))).toBe(false); // 13:00
  });

  it('hold a push until the window ends', () => {
    const at = new Date('2026-12-01T15:30:20Z'); // 22:30:20 in Hà Nội
    expect(pushNotBefore(night, at).toISOString()).toBe('2026-12-01T23:00:00.000Z'); // 06:00 the next day
    const day = new Date('2026-12-01T03:00:00Z');
    expect(pushNotBefore(night, day)).toBe(day);
    expect(pushNotBefore(null, at)).toBe(at);
  });
});
