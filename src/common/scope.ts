import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isUuid } from './id-param.pipe.js';
import type { Principal } from './principal.js';

/**
 * Committee scope, applied where a query is built. Staff see the subtree of their home committee
 * (hitobito's "this layer and below"); an admin without a home committee sees the whole tree.
 * Rows outside the scope simply do not match, so an out-of-scope id answers 404 like a missing one.
 */
export function scopePath(principal: Principal): string | null {
  if (principal.role === 'admin' && principal.committeePath === null) return null;
  // A staff account without a home committee would see everything: refuse by matching nothing.
  return principal.committeePath ?? '__none__';
}

/**
 * What the scope helpers need of a query: a condition added to its WHERE. TypeORM's
 * SelectQueryBuilder is one; so is the member list's clause recorder (member.repository.ts
 * ListClauses), which composes its statement without TypeORM. Each helper hands back the query it
 * was given, with its own type.
 */
export interface ConditionSink {
  andWhere(condition: string, parameters?: ObjectLiteral): unknown;
}

/** For the committees table itself: `alias.path <@ home.path`. */
export function scopeCommitteePath<Q extends ConditionSink>(qb: Q, principal: Principal, pathColumn: string): Q {
  const path = scopePath(principal);
  if (path !== null) qb.andWhere(`${pathColumn} <@ CAST(:scopePath AS ltree)`, { scopePath: path });
  return qb;
}

/** For any row that belongs to a committee through a `committee_id` column. */
export function scopeByCommittee<Q extends ConditionSink>(qb: Q, principal: Principal, committeeIdColumn: string): Q {
  const path = scopePath(principal);
  if (path !== null) {
    qb.andWhere(`${committeeIdColumn} IN (SELECT scope_c.id FROM committees scope_c WHERE scope_c.path <@ CAST(:scopePath AS ltree))`, {
      scopePath: path,
    });
  }
  return qb;
}

/**
 * Content targeting: a member sees what was published by their own committee and by every committee
 * above it (province-wide content reaches everyone; a district's reaches its subtree). Staff reading
 * through the same route see what targets their home committee's chain as well.
 * `committeeIdColumn` is the publishing committee of the content row.
 */
export function scopeAudience<Q extends ConditionSink>(qb: Q, principal: Principal, committeeIdColumn: string): Q {
  if (principal.committeePath === null) {
    if (principal.role !== 'admin') qb.andWhere('1 = 0');
  } else {
    // the path holds the ids of the chain itself (`1.5.23.400`): no lookup needed
    qb.andWhere(`${committeeIdColumn} IN (:...audienceIds)`, { audienceIds: audienceCommitteeIds(principal) });
  }
  return qb;
}

/** The ids of the caller's home committee and every committee above it, root first. */
export function audienceCommitteeIds(principal: Principal): number[] {
  return principal.committeePath ? principal.committeePath.split('.').map(Number) : [];
}

/**
 * For raw SQL that must see rows outside the scope too (an import matching identity numbers and
 * committee codes across the whole register): a boolean expression, true when the ltree
 * `pathColumn` lies in the caller's subtree. Bind `scopePath(principal)` to `param` (e.g. `$4`);
 * null (an admin of the whole tree) makes every row in scope.
 */
export function inScopeSql(pathColumn: string, param: string): string {
  return `(${param}::text IS NULL OR ${pathColumn} <@ ${param}::ltree)`;
}

/** How a table reaches its committee: through a `committee_id` column, or (the committees table) its own `path`. */
export type ScopeColumn = { committeeIdColumn: string } | { pathColumn: string };

/** Adds the caller's scope to a query, whichever way the table reaches its committee. */
export function scopeQuery<Q extends ConditionSink>(qb: Q, principal: Principal, column: ScopeColumn): Q {
  return 'pathColumn' in column
    ? scopeCommitteePath(qb, principal, column.pathColumn)
    : scopeByCommittee(qb, principal, column.committeeIdColumn);
}

export interface FindInScopeOptions<E extends ObjectLiteral> {
  /** The query alias; `${alias}.id` is compared with the id. */
  alias: string;
  scope: ScopeColumn;
  /** The resource's own 404, thrown alike for a malformed id, a missing row and a row outside the scope. */
  notFound: () => Error;
  /** `SELECT … FOR UPDATE`: the caller is about to change the row in this transaction. */
  lock?: boolean;
  /** Joins or extra conditions on the query before it runs. */
  build?: (qb: SelectQueryBuilder<E>) => void;
}

/**
 * THE scoped lookup: the row with this id if it lies in the caller's subtree, or the resource's
 * 404, the same answer for every reason it is not shown (an out-of-scope row is never told apart
 * from a missing one). String ids must be UUIDs; integer ids are checked by ParseIdPipe.
 */
export async function findInScopeOr404<E extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<E>,
  principal: Principal,
  id: string | number,
  options: FindInScopeOptions<E>,
): Promise<E> {
  if (typeof id === 'string' && !isUuid(id)) throw options.notFound();
  const qb = scopeQuery(m.getRepository(entity).createQueryBuilder(options.alias), principal, options.scope).andWhere(
    `${options.alias}.id = :scopedId`,
    { scopedId: id },
  );
  options.build?.(qb);
  if (options.lock) qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw options.notFound();
  return row;
}

/**
 * The SQL condition "the row at `pathColumn` lies in the subtree rooted at the path bound to
 * `rootParam`" (the root included), for raw statements in repositories: `subtreeOf('path', '$2')`
 * is `path <@ CAST($2 AS ltree)`. The one spelling of the ltree test outside the builders above.
 */
export function subtreeOf(pathColumn: string, rootParam: string): string {
  return `${pathColumn} <@ CAST(${rootParam} AS ltree)`;
}

/** Whether the committee at `path` is the committee at `rootPath` or lies below it (`1.5.23` is in `1.5`, `1.52` is not). */
export function pathInSubtree(path: string, rootPath: string): boolean {
  return path === rootPath || path.startsWith(`${rootPath}.`);
}

/**
 * scopeAudience as a list: the publishing committees whose content the caller reads. Their chain;
 * null for an admin of the whole tree (everything); none for an account without a home committee.
 */
export function audienceOf(principal: Principal): number[] | null {
  if (principal.committeePath === null) return principal.role === 'admin' ? null : [];
  return audienceCommitteeIds(principal);
}

/**
 * scopeAudience for raw SQL: a boolean expression, true when `committeeIdColumn` is one of the
 * publishing committees the caller reads. Bind `audienceOf(principal)` to `param` (e.g. `$1`):
 * null (an admin of the whole tree) makes every row match, an empty list none.
 */
export function inAudienceSql(committeeIdColumn: string, param: string): string {
  return `(${param}::int[] IS NULL OR ${committeeIdColumn} = ANY(${param}::int[]))`;
}

/** Which content an admin list shows (`filter.source`): the caller's subtree's own, or what committees above it sent it. */
export const CONTENT_SOURCES = ['own', 'above'] as const;
export type ContentSource = (typeof CONTENT_SOURCES)[number];

/**
 * What the committees above the caller's home committee published for it (FAQ entries, surveys, documents, news a
 * district's staff read but do not edit): rows whose publishing committee is one of the caller's
 * ancestors. An admin of the whole tree has nothing above. Admin lists reach it through
 * `filter={"source":"above"}` (admin-list.ts withContentSource).
 */
export function scopeAbove<Q extends ConditionSink>(qb: Q, principal: Principal, committeeIdColumn: string): Q {
  qb.andWhere(`${committeeIdColumn} = ANY(:scopeAbove)`, { scopeAbove: audienceCommitteeIds(principal).slice(0, -1) });
  return qb;
}
