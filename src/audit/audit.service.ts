import { Injectable } from '@nestjs/common';
import { idsFilter, intFilter, type AdminListQuery, type ListPage, type ListSpec } from '../common/admin-list.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { AuditEntryRepository } from './audit-entry.repository.js';
import { AuditErrors } from './audit.errors.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  committeeId?: number | null;
  details?: Record<string, unknown>;
}

const isoDate = (v: unknown, name: string) => {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) AuditErrors.notIsoDate(name);
  return v;
};

const LIST: ListSpec = {
  sortable: { id: 'a.id', occurredAt: 'a.occurredAt', action: 'a.action' },
  defaultSort: ['id', 'DESC'],
  tieBreaker: 'a.id',
  filters: {
    id: idsFilter('a.id', 'int'),
    action: (qb, v, p) => {
      if (typeof v !== 'string' || !/^[a-z_.]{1,64}$/.test(v)) AuditErrors.badAction();
      qb.andWhere(`(a.action = :${p} OR a.action LIKE :${p}_prefix)`, { [p]: v, [`${p}_prefix`]: `${v}.%` });
    },
    entityType: (qb, v, p) => {
      if (typeof v !== 'string' || !/^[a-z_]{1,32}$/.test(v)) AuditErrors.badEntityType();
      qb.andWhere(`a.entityType = :${p}`, { [p]: v });
    },
    entityId: (qb, v, p) => {
      if (typeof v !== 'string' && typeof v !== 'number') AuditErrors.badEntityId();
      qb.andWhere(`a.entityId = :${p}`, { [p]: String(v) });
    },
    actorId: (qb, v, p) => {
      if (!isUuid(v)) AuditErrors.badActorId();
      qb.andWhere(`a.actorId = :${p}`, { [p]: v });
    },
    committeeId: intFilter('a.committeeId'),
    from: (qb, v, p) => qb.andWhere(`a.occurredAt >= :${p}`, { [p]: isoDate(v, 'from') }),
    to: (qb, v, p) => qb.andWhere(`a.occurredAt < :${p}`, { [p]: isoDate(v, 'to') }),
  },
};

const entityIdOf = (id: string | number | null | undefined): string | null => (id === undefined || id === null ? null : String(id));

/**
 * The append-only audit log. Writes go through the caller's transaction, so a change and its
 * audit line commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly tx: Transactions,
    private readonly entries: AuditEntryRepository,
  ) {}

  async record(tx: Tx, actor: Principal | null, entry: AuditRecord): Promise<void> {
    await this.entries.insert(tx, {
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      actorRole: actor?.role ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entityIdOf(entry.entityId),
      committeeId: entry.committeeId ?? null,
      details: entry.details ?? {},
      clientAddress: actor?.clientAddress ?? null,
      requestId: actor?.requestId || null,
    });
  }

  /**
   * Several lines in one statement, issued even when `entries` is empty: callers that must not
   * reveal by their timing whether there was anything to audit (identity collisions) do the same work.
   */
  async recordMany(tx: Tx, actor: Principal | null, entries: AuditRecord[]): Promise<void> {
    await this.entries.insertMany(
      tx,
      {
        actorId: actor?.id ?? null,
        actorUsername: actor?.username ?? null,
        actorRole: actor?.role ?? null,
        clientAddress: actor?.clientAddress ?? null,
        requestId: actor?.requestId || null,
      },
      entries.map((e) => ({
        action: e.action,
        entity_type: e.entityType,
        entity_id: entityIdOf(e.entityId),
        committee_id: e.committeeId ?? null,
        details: e.details ?? {},
      })),
    );
  }

  /** Outside a transaction (reads of lists and exports). */
  recordNow(actor: Principal | null, entry: AuditRecord): Promise<void> {
    return this.record(this.tx.none, actor, entry);
  }

  /** Admins read the whole log; committee admins the entries about their subtree. */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<AuditEntry>> {
    return this.entries.list(principal, LIST, query);
  }

  /**
   * The lines about the given records (`{ type: 'member', ids: [...] }`, …), oldest first: one
   * read per type that has ids, through `tx` (e.g. the snapshot of a personal-data export).
   */
  async entriesAbout(tx: Tx, about: { type: string; ids: string[] }[]): Promise<AuditEntry[]> {
    const lines: AuditEntry[] = [];
    for (const { type, ids } of about) {
      if (ids.length) lines.push(...(await this.entries.about(tx, type, ids)));
    }
    return lines.sort((a, b) => Number(a.id) - Number(b.id));
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
