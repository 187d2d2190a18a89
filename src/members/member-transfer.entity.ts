import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Committee } from '../committees/committee.entity.js';
import { Member } from './member.entity.js';

export const TRANSFER_KINDS = ['official', 'temporary', 'restructuring'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** A dated move of a member between branches: the register's history of where each member stood. */
@Entity('member_transfers')
@Check('member_transfers_kind_check', `kind IN ('official','temporary','restructuring')`)
export class MemberTransfer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'member_transfers_pkey' })
  id: string;

  @Index('member_transfers_member_id_idx')
  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_transfers_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ name: 'from_committee_id', type: 'integer' })
  fromCommitteeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_committee_id', foreignKeyConstraintName: 'member_transfers_from_committee_id_fkey' })
  fromCommittee?: Relation<Committee>;

  @Column({ name: 'to_committee_id', type: 'integer' })
  toCommitteeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_committee_id', foreignKeyConstraintName: 'member_transfers_to_committee_id_fkey' })
  toCommittee?: Relation<Committee>;

  @Column({ name: 'transferred_on', type: 'date' })
  transferredOn: string;

  @Column({ type: 'varchar', length: 16 })
  kind: TransferKind;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
