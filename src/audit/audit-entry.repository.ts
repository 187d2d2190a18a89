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

/** AuditEntryRepository.insert (bench/paths.ts runs the same for the member list's audit line). */
export const AUDIT_INSERT_SQL = `INSERT INTO audit_log (actor_id, actor_username, actor_role, action, entity_type, entity_id, committee_id, details, client_address, request_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`;

/**
 * The `audit_log` table. It is append-only: the triggers `audit_log_append_only` and
 * `audit_log_no_truncate` (migrations/1795669536171-membership-registers.ts) refuse UPDATE, DELETE
 * and TRUNCATE, so this repository only inserts and reads.
 */
@Injectable()
export class AuditEntryRepository {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** One line: a constant statement (every audited read and write pays it; no insert builder, no RETURNING to merge). */
  async insert(tx: Tx, entry: NewAuditEntry): Promise<void> {
    await tx.query(AUDIT_INSERT_SQL, [
      entry.actorId,
      entry.actorUsername,
      entry.actorRole,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.committeeId,
      JSON.stringify(entry.details),
      entry.clientAddress,
      entry.requestId,
    ]);
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
  list(principal: Principal, spec: ListSpec, query: AdminListQuery): Promise<ListPage<AuditEntry>> {
    const qb = scopeByCommittee(this.entries.createQueryBuilder('a'), principal, 'a.committee_id');
    return runListQuery(qb, spec, query);
  }

  /** The lines about these records of one type, oldest first. */
  about(tx: Tx, entityType: string, entityIds: string[]): Promise<AuditEntry[]> {
    return tx.find(AuditEntry, { where: { entityType, entityId: In(entityIds) }, order: { id: 'ASC' } });
  }
}
