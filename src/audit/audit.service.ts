import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  idsFilter,
  intFilter,
  runListQuery,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  committeeId?: number | null;
  details?: Record<string, unknown>;
}

const isoDate = (v: unknown, name: string) => {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) {
    throw ApiError.badRequest(`${name} must be an ISO date`, { filter: `${name} must be an ISO date` }, 'INVALID_LIST_QUERY');
  }
  return v;
};

const LIST: ListSpec<AuditEntry> = {
  sortable: { id: 'a.id', occurredAt: 'a.occurredAt', action: 'a.action' },
  defaultSort: ['id', 'DESC'],
  tieBreaker: 'a.id',
  filters: {
    id: idsFilter('a.id', 'int'),
    action: (qb, v, p) => {
      if (typeof v !== 'string' || !/^[a-z_.]{1,64}$/.test(v)) {
        throw ApiError.badRequest('action must be an action name or prefix', { filter: 'bad action' }, 'INVALID_LIST_QUERY');
      }
      qb.andWhere(`(a.action = :${p} OR a.action LIKE :${p}_prefix)`, { [p]: v, [`${p}_prefix`]: `${v}.%` });
    },
    entityType: (qb, v, p) => {
      if (typeof v !== 'string' || !/^[a-z_]{1,32}$/.test(v)) {
        throw ApiError.badRequest('entityType must be a type name', { filter: 'entityType must be a type name' }, 'INVALID_LIST_QUERY');
      }
      qb.andWhere(`a.entityType = :${p}`, { [p]: v });
    },
    entityId: (qb, v, p) => {
      if (typeof v !== 'string' && typeof v !== 'number') throw ApiError.badRequest('bad entityId', { filter: 'bad entityId' }, 'INVALID_LIST_QUERY');
      qb.andWhere(`a.entityId = :${p}`, { [p]: String(v) });
    },
    actorId: (qb, v, p) => {
      if (typeof v !== 'string' || !/^[0-9a-f-]{36}$/i.test(v)) throw ApiError.badRequest('bad actorId', { filter: 'bad actorId' }, 'INVALID_LIST_QUERY');
      qb.andWhere(`a.actorId = :${p}`, { [p]: v });
    },
    committeeId: intFilter('a.committeeId'),
    from: (qb, v, p) => qb.andWhere(`a.occurredAt >= :${p}`, { [p]: isoDate(v, 'from') }),
    to: (qb, v, p) => qb.andWhere(`a.occurredAt < :${p}`, { [p]: isoDate(v, 'to') }),
  },
};

/**
 * The append-only audit log. Writes go through the caller's transaction manager, so a change and its
 * audit line commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(m: EntityManager, actor: Principal | null, entry: AuditRecord): Promise<void> {
    await m.insert(AuditEntry, {
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      committeeId: entry.committeeId ?? null,
      details: (entry.details ?? {}) as object,
      clientAddress: actor?.clientAddress ?? null,
      requestId: actor?.requestId || null,
    });
  }

  /**
   * Several lines in one statement, issued even when `entries` is empty: callers that must not
   * reveal by their timing whether there was anything to audit (identity collisions) do the same work.
   */
  async recordMany(m: EntityManager, actor: Principal | null, entries: AuditRecord[]): Promise<void> {
    await m.query(
      `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity_type, entity_id, committee_id, details, client_address, request_id)
       SELECT $1::uuid, $2, $3, e.action, e.entity_type, e.entity_id, e.committee_id, e.details, $4, $5
         FROM jsonb_to_recordset($6::jsonb) AS e(action varchar, entity_type varchar, entity_id varchar, committee_id integer, details jsonb)`,
      [
        actor?.id ?? null,
        actor?.username ?? null,
        actor?.role ?? null,
        actor?.clientAddress ?? null,
        actor?.requestId || null,
        JSON.stringify(
          entries.map((e) => ({
            action: e.action,
            entity_type: e.entityType,
            entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
            committee_id: e.committeeId ?? null,
            details: e.details ?? {},
          })),
        ),
      ],
    );
  }

  /** Outside a transaction (reads of lists and exports). */
  recordNow(actor: Principal | null, entry: AuditRecord): Promise<void> {
    return this.record(this.db.manager, actor, entry);
  }

  /** Admins read the whole log; committee admins the entries about their subtree. */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<AuditEntry>> {
    const qb = scopeByCommittee(this.db.getRepository(AuditEntry).createQueryBuilder('a'), principal, 'a.committee_id');
    return runListQuery(qb, LIST, query);
  }
}

/** `{field: [before, after]}` for the fields whose value changed. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[k];
    const norm = (x: unknown) => (x instanceof Date ? x.toISOString() : x);
    if (v !== undefined && JSON.stringify(norm(old)) !== JSON.stringify(norm(v))) out[k] = [norm(old) ?? null, norm(v) ?? null];
  }
  return out;
}
