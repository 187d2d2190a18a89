import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the append-only audit log: who did what to which record, when, from where.
 * A database trigger refuses UPDATE, DELETE and TRUNCATE on the table.
 */
@Entity('audit_log')
@Index('audit_log_occurred_at_idx', ['occurredAt'])
@Index('audit_log_entity_idx', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'audit_log_pkey' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Index('audit_log_actor_id_idx')
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true })
  actorUsername: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 24, nullable: true })
  actorRole: string | null;

  /** e.g. `member.update`, `member.list`, `committee.move`. */
  @Index('audit_log_action_idx')
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  /** The committee the record belongs to, so that the log can be read by subtree. */
  @Index('audit_log_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer', nullable: true })
  committeeId: number | null;

  /** What changed (`{field: [before, after]}`) or what was read (filters, counts). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  /** Anonymised (the last IPv4 byte zeroed, IPv6 kept to /48). */
  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true })
  clientAddress: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
