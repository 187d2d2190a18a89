import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Committee } from '../committees/committee.entity.js';
import { Member } from './member.entity.js';

export const IDENTITY_FIELDS = ['partyCardNumber', 'externalId'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export const CONFLICT_STATUSES = ['pending', 'resolved', 'withdrawn'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];
/**
 * `same_person`: one person, two records (a transfer in progress): the existing record moves to the
 * new record's branch and the duplicate is withdrawn. `keep_existing`: the value was a typo on the new
 * record (cleared there). `keep_new`: the existing record's value was wrong (cleared there; the new one keeps it).
 */
export const CONFLICT_OUTCOMES = ['same_person', 'keep_existing', 'keep_new'] as const;
export type ConflictOutcome = (typeof CONFLICT_OUTCOMES)[number];

/**
 * An identity number entered for `member` that `holder`, outside the writer's scope, already held.
 * The writer was answered as if the number were free (the value waits in members.pending_*); the
 * lowest committee covering both records (`committee`) verifies it.
 */
@Entity('member_identity_conflicts')
@Check('member_identity_conflicts_field_check', `field IN ('partyCardNumber','externalId')`)
@Check('member_identity_conflicts_status_check', `status IN ('pending','resolved','withdrawn')`)
@Check('member_identity_conflicts_outcome_check', `outcome IS NULL OR outcome IN ('same_person','keep_existing','keep_new')`)
export class MemberIdentityConflict {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'member_identity_conflicts_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  field: IdentityField;

  @Column({ type: 'varchar', length: 64 })
  value: string;

  /** The record the value was entered for (holds it in its pending column); null once withdrawn as a duplicate. */
  @Index('member_identity_conflicts_member_id_idx')
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_identity_conflicts_member_id_fkey' })
  member?: Relation<Member>;

  /** The record that already held the value. */
  @Index('member_identity_conflicts_holder_id_idx')
  @Column({ name: 'holder_id', type: 'uuid', nullable: true })
  holderId: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'member_identity_conflicts_holder_id_fkey' })
  holder?: Relation<Member>;

  /** The lowest committee whose scope covers both records: its staff resolve the conflict. */
  @Index('member_identity_conflicts_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'member_identity_conflicts_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ConflictStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: ConflictOutcome | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
