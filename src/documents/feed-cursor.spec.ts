import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from './feed-cursor.js';

describe('feed cursor', () => {
  it('round-trips a position to the millisecond', () => {
    const p = { at: new Date('2025-03-04T05:06:07.089Z'), id: '0f8fad5b-d9cb-469f-a165-70867728950e' };
    const c = encodeCursor(p);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c)).toEqual(p);
  });
  it('refuses anything it did not give out with 400 INVALID_CURSOR', () => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of ['', '!!!', enc({}), enc(['2025-01-01T00:00:00Z']), enc(['yesterday', '0f8fad5b-d9cb-469f-a165-70867728950e']), enc(['2025-01-01T00:00:00Z', "1' OR 1=1"])]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
  });
});
