import { describe, expect, it } from '@jest/globals';
import { checkEvent } from './events.service.js';

const now = new Date('2025-11-15T02:00:00Z');
const cutoff = new Date('2024-09-30T17:00:00Z');
const id = '0b9f6a52-3c1d-4e8f-9a7b-2c3d4e5f6a7b';
const target = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

describe('checkEvent', () => {
  it('accepts an app open and a view, keeping the instant to the millisecond', () => {
    expect(checkEvent({ id, type: 'app_open', occurredAt: '2025-11-15T08:30:00.123456+07:00' }, now, cutoff)).toEqual({
      event: { id, type: 'app_open', targetType: null, targetId: null, occurredAt: new Date('2025-11-15T01:30:00.123Z') },
    });
    expect(
      checkEvent(
        { id: id.toUpperCase(), type: 'view', targetType: 'news', targetId: target.toUpperCase(), occurredAt: '2025-11-15T01:00Z' },
        now,
        cutoff,
      ),
    ).toEqual({
      event: { id, type: 'view', targetType: 'news', targetId: target, occurredAt: new Date('2025-11-15T01:00:00Z') },
    });
  });

  it('gives a reason for each refusal', () => {
    const reason = (e: unknown) => {
      const checked = checkEvent(e, now, cutoff);
      return 'reject' in checked ? checked.reject : null;
    };
    expect(reason({ id, type: 'app_open', occurredAt: '2025-11-15T02:09:59Z' })).toBeNull(); // within 10 minutes of clock skew
    expect(reason({ id, type: 'app_open', occurredAt: '2025-11-15T02:10:01Z' })).toEqual({ id, reason: 'future' });
    expect(reason({ id, type: 'app_open', occurredAt: '2024-09-30T16:59:59Z' })).toEqual({ id, reason: 'too_old' });
    expect(reason({ id, type: 'app_open', occurredAt: '2024-09-30T17:00:00Z' })).toBeNull();
    for (const bad of [
      { id, type: 'view', occurredAt: '2025-11-15T01:00Z' },
      { id, type: 'view', targetType: 'video', targetId: target, occurredAt: '2025-11-15T01:00Z' },
      { id, type: 'view', targetType: 'news', targetId: 'x', occurredAt: '2025-11-15T01:00Z' },
      { id, type: 'app_open', targetType: 'news', occurredAt: '2025-11-15T01:00Z' },
      { id, type: 'open', occurredAt: '2025-11-15T01:00Z' },
      { id, type: 'app_open', occurredAt: '2025-11-15T01:00' },
      { id, type: 'app_open', occurredAt: '2025-13-45T01:00Z' },
      { id, type: 'app_open', occurredAt: 1731632400000 },
      { id, type: 'app_open', occurredAt: '2025-11-15T01:00Z', clientIp: '203.0.113.9' },
    ]) {
      expect(reason(bad)).toEqual({ id, reason: 'invalid' });
    }
    expect(reason({ id: 42, type: 'app_open', occurredAt: '2025-11-15T01:00Z' })).toEqual({ id: null, reason: 'invalid' });
    expect(reason('app_open')).toEqual({ id: null, reason: 'invalid' });
    expect(reason([id])).toEqual({ id: null, reason: 'invalid' });
  });
});
