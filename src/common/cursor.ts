import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiError, CommonErrorCode } from './errors.js';

/**
 * Keyset ("cursor") paging for the mobile content feeds: newest first, ordered
 * `published_at DESC, id DESC`, and the next page starts strictly after the last row a client saw.
 * Unlike an offset, a row published meanwhile (newer than page 1) or back-dated (older than the
 * cursor) never shifts what page 2 holds: nothing is repeated and nothing of the original list is
 * skipped.
 *
 * The cursor is opaque to clients: base64url of `[publishedAtIso, id]`. Its timestamp has
 * millisecond precision (a JS Date), so the paged column must too: declare it
 * `@Column({ type: 'timestamptz', precision: 3 })` (or only ever write it from JS Dates).
 */
export interface CursorPosition {
  publishedAt: Date;
  id: string;
}

export const DEFAULT_CURSOR_LIMIT = 20;
export const MAX_CURSOR_LIMIT = 50;

/** `?cursor=&limit=` of a mobile list route; extend it with the route's own filters. */
export class CursorQuery {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; omit for the first page', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: `Items per page (1-${MAX_CURSOR_LIMIT})`,
    default: DEFAULT_CURSOR_LIMIT,
    minimum: 1,
    maximum: MAX_CURSOR_LIMIT,
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value))
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_CURSOR_LIMIT)
  limit?: number;
}

/** Response shape of a cursor page; subclass it with a typed `items` for Swagger. */
export class CursorPageMeta {
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.publishedAt.toISOString(), position.id]), 'utf8').toString('base64url');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CURSOR_ID = /^[0-9A-Za-z-]{1,64}$/;

/** The position a cursor holds; 400 INVALID_CURSOR for anything this module did not produce. */
export function decodeCursor(cursor: string): CursorPosition {
  const invalid = () =>
    ApiError.badRequest('The cursor is not valid; start again without one', { cursor: 'invalid cursor' }, CommonErrorCode.InvalidCursor);
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [at, id] = parsed;
  if (typeof at !== 'string' || !ISO_INSTANT.test(at) || typeof id !== 'string' || !CURSOR_ID.test(id)) throw invalid();
  const publishedAt = new Date(at);
  if (Number.isNaN(publishedAt.getTime()) || publishedAt.toISOString() !== at) throw invalid();
  return { publishedAt, id };
}

/**
 * Orders `qb` newest first (`<alias>.published_at DESC, <alias>.id DESC`), starts after `cursor`
 * (a raw cursor string, decoded here, or nothing for the first page) and fetches `limit + 1` rows,
 * so that {@link cursorPage} can tell whether another page follows. Rows must have a non-null
 * published_at (filter on the published status before).
 */
export function applyCursor<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  alias: string,
  cursor: string | CursorPosition | undefined | null,
  limit: number,
  /** Another feed order, e.g. bookmarks by `{ at: 'b.created_at', id: 'b.document_id' }`. */
  columns: { at: string; id: string } = { at: `${alias}.published_at`, id: `${alias}.id` },
): SelectQueryBuilder<E> {
  if (cursor !== undefined && cursor !== null && cursor !== '') {
    const position = typeof cursor === 'string' ? decodeCursor(cursor) : cursor;
    qb.andWhere(`(${columns.at}, ${columns.id}) < (CAST(:cursorAt AS timestamptz), :cursorId)`, {
      cursorAt: position.publishedAt.toISOString(),
      cursorId: position.id,
    });
  }
  return qb
    .orderBy(columns.at, 'DESC')
    .addOrderBy(columns.id, 'DESC')
    .limit(limit + 1);
}

/** Cuts the `limit + 1` rows of {@link applyCursor} into a page and the cursor of the next one. */
export function cursorPage<T extends { publishedAt: Date | null; id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last?.publishedAt ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null;
  return { items, nextCursor };
}
