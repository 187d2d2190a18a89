import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EventType, TargetType } from './analytics.rules.js';

/**
 * A raw usage event, as received. The table is partitioned by month of `occurred_at` (one
 * partition per Vietnam month, plus a DEFAULT one for stragglers), which TypeORM cannot describe:
 * the migration creates it and PartitionsService keeps the partitions, so the entity is left out
 * of schema synchronisation. Its key is the id, kept unique by the ledger `access_event_ids` (a
 * partitioned table can only be unique on a key that includes `occurred_at`, which let a retry
 * with another time through); the table itself has no primary key index, so the primary columns
 * below only describe it to TypeORM. `committee_id` and `committee_path` are the member's committee
 * and its place in the tree at ingestion. No client address is stored.
 */
@Entity({ name: 'access_events', synchronize: false })
export class AccessEvent {
  /** The client's own event id (unique on its own through access_event_ids, whatever the occurredAt). */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @Column({ name: 'committee_path', type: 'ltree' })
  committeePath: string;

  @Column({ type: 'varchar', length: 16 })
  type: EventType;

  @Column({ name: 'target_type', type: 'varchar', length: 16, nullable: true })
  targetType: TargetType | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  /** Within the first EVENTS_MAX_COUNTED_PER_MEMBER_DAY events of its member and day (views count only then). */
  @Column({ type: 'boolean', default: true })
  counted: boolean;
}

/**
 * Every stored event id, once: the dedupe ledger of the ingestion (not partitioned, so the id alone
 * is the key; a retry with another occurredAt is a duplicate). Purged with the raw events.
 */
@Entity('access_event_ids')
export class AccessEventId {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'access_event_ids_pkey' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
