import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CursorQuery, cursorPage, decodeCursor, encodeCursor } from './cursor.js';
import { ApiError } from './errors.js';

function error(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected an error');
}

const ID = '4b1d9a52-1c1e-4f7e-9b4b-3f6a2d0c8e11';

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a position, millisecond exact, as an opaque url-safe string', () => {
    const position = { publishedAt: new Date('2025-03-04T05:06:07.089Z'), id: ID };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['an object', Buffer.from('{"publishedAt":"2025-01-01T00:00:00.000Z","id":"x"}').toString('base64url')],
    ['a bad date', Buffer.from(JSON.stringify(['2025-13-45T00:00:00.000Z', ID])).toString('base64url')],
    ['a date without milliseconds', Buffer.from(JSON.stringify(['2025-01-01T00:00:00Z', ID])).toString('base64url')],
    ['an id with SQL in it', Buffer.from(JSON.stringify(['2025-01-01T00:00:00.000Z', "x' OR 1=1 --"])).toString('base64url')],
    ['an empty string', ''],
    ['a very long string', 'A'.repeat(500)],
  ])('answers 400 INVALID_CURSOR for %s', (_what, cursor) => {
    const e = error(() => decodeCursor(cursor));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.getStatus()).toBe(400);
    expect(e.code).toBe('INVALID_CURSOR');
    expect(e.errors).toEqual({ cursor: 'invalid cursor' });
  });
});

describe('cursorPage', () => {
  const rows = [3, 2, 1].map((n) => ({ id: `id-${n}`, publishedAt: new Date(Date.UTC(2025, 0, n)) }));

  it('gives the cursor of the last item kept when one more row was fetched', () => {
    const page = cursorPage(rows, 2);
    expect(page.items.map((r) => r.id)).toEqual(['id-3', 'id-2']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ id: 'id-2', publishedAt: rows[1].publishedAt });
  });

  it('has no next cursor on the last page', () => {
    expect(cursorPage(rows, 3)).toEqual({ items: rows, nextCursor: null });
    expect(cursorPage([], 3)).toEqual({ items: [], nextCursor: null });
  });
});

describe('CursorQuery', () => {
  const check = (query: Record<string, string>) => {
    const dto = plainToInstance(CursorQuery, query);
    return { dto, errors: validateSync(dto).map((e) => e.property) };
  };

  it('reads limit from the query string as a number', () => {
    expect(check({ limit: '50' })).toEqual({ dto: expect.objectContaining({ limit: 50 }), errors: [] });
    expect(check({}).errors).toEqual([]);
  });

  it.each(['0', '51', '2.5', 'ten', '-1'])('refuses limit=%s', (limit) => {
    expect(check({ limit }).errors).toEqual(['limit']);
  });
});
