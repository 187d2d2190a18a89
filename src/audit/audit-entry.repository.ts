import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { runListQuery, type AdminListQuery, type ListPage, type ListSpec } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { AuditEntry } from './audit-entry.entity.js';

/** A line as written: everything but the id and the time, which the database sets. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'occurredAt'>;

/** The columns of a line that `insertMany` takes per entry (the actor's are shared by all). */
export interface NewAuditLine {
  action: string;
  entity_type: string;
  entity_id: string | null;
  committee_id: number | null;
  details: Record<string, unknown>;
}

/**
 * The `audit_log` table. It is append-only: the triggers `audit_log_append_only` and
 * `audit_log_no_truncate` (migrations/1795669536171-membership-registers.ts) refuse UPDATE, DELETE
 * and TRUNCATE, so this repository only inserts and reads.
 */
@Injectable()
export class AuditEntryRepository {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async insert(tx: Tx, entry: NewAuditEntry): Promise<void> {
    // jsonb: TypeORM's deep-partial type would walk into the details object
    await tx.insert(AuditEntry, { ...entry, details: entry.details as object });
  }

  /** Several lines in one statement, issued even for none (see AuditService.recordMany). */
  async insertMany(
    tx: Tx,
    actor: Pick<NewAuditEntry, 'actorId' | 'actorUsername' | 'actorRole' | 'clientAddress' | 'requestId'>,
    lines: NewAuditLine[],
  ): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity_type, entity_id, committee_id, details, client_address, request_id)
       SELECT $1::uuid, $2, $3, e.action, e.entity_type, e.entity_id, e.committee_id, e.details, $4, $5
         FROM jsonb_to_recordset($6::jsonb) AS e(action varchar, entity_type varchar, entity_id varchar, committee_id integer, details jsonb)`,
      [actor.actorId, actor.actorUsername, actor.actorRole, actor.clientAddress, actor.requestId, JSON.stringify(lines)],
    );
  }

  /** The log as the caller may read it: admins all of it, committee admins the lines about their subtree. */
  list(principal: Principal, spec: ListSpec<AuditEntry>, query: AdminListQuery): Promise<ListPage<AuditEntry>> {
    const qb = scopeByCommittee(this.entries.createQueryBuilder('a'), principal, 'a.committee_id');
    return runListQuery(qb, spec, query);
  }

  /** The lines about these records of one type, oldest first. */
  about(tx: Tx, entityType: string, entityIds: string[]): Promise<AuditEntry[]> {
    return tx.find(AuditEntry, { where: { entityType, entityId: In(entityIds) }, order: { id: 'ASC' } });
  }
}
