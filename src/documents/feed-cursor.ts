import { ApiError } from '../common/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A position in a feed ordered `at DESC, id DESC`: the (time, id) of the last item a page showed.
 * Opaque to clients (base64url of a small JSON array). Keyset paging: the next page is everything
 * strictly after that pair, so rows inserted meanwhile never shift a page (no offsets).
 */
export interface FeedPosition {
  at: Date;
  id: string;
}

export function encodeCursor(p: FeedPosition): string {
  return Buffer.from(JSON.stringify([p.at.toISOString(), p.id])).toString('base64url');
}

export function decodeCursor(cursor: string): FeedPosition {
  const bad = () => ApiError.badRequest('cursor is not a cursor this API gave out', { cursor: 'invalid cursor' }, 'INVALID_CURSOR');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') throw bad();
  const at = new Date(value[0]);
  if (Number.isNaN(at.getTime()) || !UUID.test(value[1])) throw bad();
  return { at, id: value[1].toLowerCase() };
}
