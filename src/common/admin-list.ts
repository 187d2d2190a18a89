import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiError, CommonErrorCode } from './errors.js';
import { isUuid } from './id-param.pipe.js';
import type { Principal } from './principal.js';
import { hookRoutesWith, MergeRouteConfig } from './route-config.js';
import { CONTENT_SOURCES, scopeAbove, scopeByCommittee, subtreeOf, type ConditionSink } from './scope.js';

/**
 * The admin-list contract (`ra-data-simple-rest`), written once:
 *   GET /api/<resource>?sort=["field","ASC"]&range=[0,24]&filter={"q":"...","id":[1,2]}
 * answers a JSON array with `Content-Range: <resource> 0-24/<total>`.
 * Sort fields and filters are allow-listed per resource; anything else is a 400.
 */
export class AdminListQuery {
  @ApiPropertyOptional({ description: 'JSON `["field","ASC"|"DESC"]`', example: '["id","ASC"]' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;

  @ApiPropertyOptional({ description: 'JSON `[first,last]`, inclusive, zero-based', example: '[0,24]' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  range?: string;

  @ApiPropertyOptional({
    description: 'JSON object of filters; `{"id":[...]}` fetches several by id, `{"q":"..."}` searches',
    example: '{}',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  filter?: string;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  start: number;
}

/** Adds one filter's condition to the query; throws ApiError.badRequest for a bad value. */
export type FilterHandler = (qb: ConditionSink, value: unknown, param: string) => void;

/**
 * What a list's filters and sort are written into (applyListQuery): its WHERE conditions and its
 * ORDER BY. TypeORM's SelectQueryBuilder is one; the member list records them without TypeORM
 * (member.repository.ts ListClauses).
 */
export interface ListClauseSink extends ConditionSink {
  orderBy(sort: string, order: 'ASC' | 'DESC', nulls?: 'NULLS FIRST' | 'NULLS LAST'): unknown;
  addOrderBy(sort: string, order: 'ASC' | 'DESC', nulls?: 'NULLS FIRST' | 'NULLS LAST'): unknown;
}

export interface ListSpec {
  /** API field → SQL expression, e.g. `{ name: 'c.name' }`. */
  sortable: Record<string, string>;
  defaultSort: [string, 'ASC' | 'DESC'];
  filters: Record<string, FilterHandler>;
  /** A unique column appended to every ORDER BY so pages are stable. */
  tieBreaker: string;
  maxPageSize?: number;
  /**
   * What a list shows when the request does not say otherwise: `apply` runs unless one of the
   * `unlessFiltered` filters is given (members: the current register unless `register`, `id` or
   * `endState` is asked for; committees: the active ones unless `archived` or `id`).
   */
  defaultFilter?: { unlessFiltered: string[]; apply: (qb: ConditionSink) => void };
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 500;

function parseJson(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw ApiError.badRequest(`${name} is not valid JSON`, { [name]: `${name} is not valid JSON` }, CommonErrorCode.InvalidListQuery);
  }
}

/** A bad list query (sort, range or filter): 400 INVALID_LIST_QUERY with the message on `field`. */
export function invalidListQuery(field: string, message: string): never {
  throw ApiError.badRequest(message, { [field]: message }, CommonErrorCode.InvalidListQuery);
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

export interface ParsedListQuery {
  sort: [string, 'ASC' | 'DESC'];
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

export function parseListQuery(query: AdminListQuery, spec: ListSpec): ParsedListQuery {
  let sort = spec.defaultSort;
  if (query.sort !== undefined) {
    const s = parseJson(query.sort, 'sort');
    if (!Array.isArray(s) || s.length !== 2 || typeof s[0] !== 'string' || typeof s[1] !== 'string') {
      invalidListQuery('sort', 'sort must be ["field","ASC"|"DESC"]');
    }
    const dir = s[1].toUpperCase();
    if (!Object.hasOwn(spec.sortable, s[0]))
      invalidListQuery('sort', `sort field must be one of: ${Object.keys(spec.sortable).join(', ')}`);
    if (dir !== 'ASC' && dir !== 'DESC') invalidListQuery('sort', 'sort order must be ASC or DESC');
    sort = [s[0], dir];
  }
  const max = spec.maxPageSize ?? MAX_PAGE_SIZE;
  let offset = 0;
  let limit = DEFAULT_PAGE_SIZE;
  if (query.range !== undefined) {
    const r = parseJson(query.range, 'range');
    if (!Array.isArray(r) || r.length !== 2 || !r.every((n) => Number.isSafeInteger(n) && n >= 0) || r[1] < r[0]) {
      invalidListQuery('range', 'range must be [first,last] with 0 <= first <= last');
    }
    offset = r[0];
    limit = r[1] - r[0] + 1;
    if (limit > max) invalidListQuery('range', `a page holds at most ${max} records`);
  }
  let filter: Record<string, unknown> = {};
  if (query.filter !== undefined) {
    const f = parseJson(query.filter, 'filter');
    if (f === null || typeof f !== 'object' || Array.isArray(f)) invalidListQuery('filter', 'filter must be a JSON object');
    for (const key of Object.keys(f as object)) {
      if (!Object.hasOwn(spec.filters, key))
        invalidListQuery('filter', `unknown filter "${key}"; accepted: ${Object.keys(spec.filters).join(', ')}`);
    }
    filter = f as Record<string, unknown>;
  }
  return { sort, offset, limit, filter };
}

/**
 * Applies the filters and the (stable) sort, but not the range, to `qb`. Exports use it to walk a
 * whole filtered list in the same order as the list screen.
 */
export function applyListQuery(qb: ListClauseSink, spec: ListSpec, query: AdminListQuery): ParsedListQuery {
  const parsed = parseListQuery(query, spec);
  if (spec.defaultFilter && spec.defaultFilter.unlessFiltered.every((key) => absent(parsed.filter[key]))) spec.defaultFilter.apply(qb);
  let n = 0;
  for (const [key, value] of Object.entries(parsed.filter)) {
    if (absent(value)) continue;
    spec.filters[key](qb, value, `f${n++}_${key.replace(/\W/g, '')}`);
  }
  const [field, dir] = parsed.sort;
  qb.orderBy(spec.sortable[field], dir, dir === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST');
  if (spec.sortable[field] !== spec.tieBreaker) qb.addOrderBy(spec.tieBreaker, dir);
  return parsed;
}

/** Applies filters, sort and range to `qb` and runs it with its total count. */
export async function runListQuery<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  spec: ListSpec,
  query: AdminListQuery,
): Promise<ListPage<E>> {
  const parsed = applyListQuery(qb, spec, query);
  qb.offset(parsed.offset).limit(parsed.limit);
  const [items, total] = await qb.getManyAndCount();
  return { items, total, start: parsed.offset };
}

// ---- filter builders: each validates its value, then adds one parameterised condition ----

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What to bind to searchSql's parameter for a search text: its LIKE pattern, or null when it is blank. */
export function searchTerm(text: string | undefined | null): string | null {
  const term = text?.trim();
  return term ? escapeLike(term) : null;
}

/**
 * Diacritics- and case-insensitive substring search over `columns` (trigram-indexed), for a
 * parameter (`:q`, `$3`) bound to searchTerm(text): one OR of the columns, to wrap in parentheses.
 */
export function searchSql(columns: readonly string[], param: string): string {
  return columns.map((c) => `f_unaccent(${c}) LIKE '%' || f_unaccent(${param}) || '%'`).join(' OR ');
}

/** Diacritics- and case-insensitive substring search over the given columns (trigram-indexed). */
export function searchFilter(...columns: string[]): FilterHandler {
  return (qb, value, p) => {
    if (typeof value !== 'string' || value.length > 200) invalidListQuery('filter', 'q must be a string of at most 200 characters');
    const term = searchTerm(value);
    if (term === null) return;
    qb.andWhere(`(${searchSql(columns, `:${p}`)})`, { [p]: term });
  };
}

/** PostgreSQL `integer`: ids and integer filters beyond it are a 400, not a database error. */
const INT4_MAX = 2_147_483_647;
export const isInt4 = (v: unknown) => {
  const n = typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v;
  return Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= INT4_MAX;
};

/** `{"id":[1,2,3]}` (getMany) or a single id. */
export function idsFilter(column: string, kind: 'int' | 'uuid'): FilterHandler {
  const ok = (v: unknown) => (kind === 'int' ? isInt4(v) : isUuid(v));
  return (qb, value, p) => {
    const list = Array.isArray(value) ? value : [value];
    if (list.length > MAX_PAGE_SIZE || !list.every(ok))
      invalidListQuery('filter', `id must be a list of ${kind === 'int' ? 'integers' : 'UUIDs'}`);
    if (list.length === 0) {
      qb.andWhere('1 = 0');
      return;
    }
    qb.andWhere(`${column} IN (:...${p})`, { [p]: list.map((v) => (kind === 'int' ? Number(v) : v)) });
  };
}

/** Rows whose committee lies in the subtree of the given committee: `{"committeeId": 12}`. */
export function subtreeFilter(committeeIdColumn: string): FilterHandler {
  return (qb, value, p) => {
    if (!isInt4(value)) invalidListQuery('filter', `committeeId must be a whole number up to ${INT4_MAX}`);
    qb.andWhere(
      `${committeeIdColumn} IN (SELECT sub.id FROM committees sub WHERE ${subtreeOf('sub.path', `(SELECT top.path FROM committees top WHERE top.id = :${p})`)})`,
      {
        [p]: Number(value),
      },
    );
  };
}

export function enumFilter(column: string, allowed: readonly string[]): FilterHandler {
  return (qb, value, p) => {
    const list = Array.isArray(value) ? value : [value];
    if (!list.length || !list.every((v) => typeof v === 'string' && allowed.includes(v))) {
      invalidListQuery('filter', `${column.split('.').pop()} must be one of: ${allowed.join(', ')}`);
    }
    qb.andWhere(`${column} IN (:...${p})`, { [p]: list });
  };
}

export function intFilter(column: string): FilterHandler {
  return (qb, value, p) => {
    if (!isInt4(value)) invalidListQuery('filter', `${column.split('.').pop()} must be a whole number up to ${INT4_MAX}`);
    qb.andWhere(`${column} = :${p}`, { [p]: Number(value) });
  };
}

export function boolFilter(condition: (v: boolean) => string): FilterHandler {
  return (qb, value) => {
    if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') invalidListQuery('filter', 'expected true or false');
    qb.andWhere(condition(value === true || value === 'true'));
  };
}

// ---- the HTTP side: a route decorator and the hook that writes Content-Range ----

/** The route config key of the admin lists (its value: the resource's name). */
const ADMIN_LIST = 'adminList';

/**
 * The admin lists' answers (bootstrap.ts): a handler returns a ListPage; the JSON is its items, with
 * `Content-Range: <resource> <first>-<last>/<total>`. A preSerialization hook of those routes only,
 * not a Nest interceptor: an interceptor puts every list through Nest's rxjs pipeline (its
 * subscribers are ~14 KB of the member list's ~280 KB of garbage per request, issue 20).
 */
export function installAdminLists(fastify: FastifyInstance): void {
  hookRoutesWith(
    fastify,
    ADMIN_LIST,
    'preSerialization',
    (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
      const page = payload as ListPage<unknown> | null;
      if (reply.statusCode !== 200 || !page || !Array.isArray(page.items)) return done(null, payload);
      const resource = (req.routeOptions.config as unknown as Record<string, string>)[ADMIN_LIST];
      const range = page.items.length ? `${page.start}-${page.start + page.items.length - 1}` : '*';
      reply.header('Content-Range', `${resource} ${range}/${page.total}`);
      done(null, page.items);
    },
  );
}

/** Marks a handler that returns a ListPage as an admin list of `resource` whose items are `type`. */
export function AdminList(resource: string, type: Type<unknown>) {
  return applyDecorators(
    MergeRouteConfig({ [ADMIN_LIST]: resource }),
    ApiOkResponse({
      type,
      isArray: true,
      headers: {
        'Content-Range': {
          description: `\`${resource} <first>-<last>/<total>\``,
          required: true,
          schema: { type: 'string', pattern: `^${resource} (\\d+-\\d+|\\*)/\\d+$`, example: `${resource} 0-24/319` },
        },
      },
    }),
  );
}

/**
 * An admin list of content (FAQ entries, surveys, documents, news) scoped by `filter.source` for `principal`: by
 * default, or with `own`, what the caller's subtree published (theirs to edit); with `above`, what
 * the committees above their home committee published for it and sent out (`published`), read only.
 */
export function withContentSource(spec: ListSpec, principal: Principal, committeeIdColumn: string, published: string): ListSpec {
  if (spec.defaultFilter) throw new Error('withContentSource: the list already has a default filter');
  const own = (qb: ConditionSink) => scopeByCommittee(qb, principal, committeeIdColumn);
  return {
    ...spec,
    filters: {
      ...spec.filters,
      source: (qb, value) => {
        if (value === 'own') own(qb);
        else if (value === 'above') scopeAbove(qb, principal, committeeIdColumn).andWhere(published);
        else invalidListQuery('filter', `source must be one of: ${CONTENT_SOURCES.join(', ')}`);
      },
    },
    defaultFilter: { unlessFiltered: ['source'], apply: own },
  };
}
