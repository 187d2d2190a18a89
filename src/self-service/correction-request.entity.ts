import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { User } from '../auth/user.entity.js';
import type { Committee } from '../committees/committee.entity.js';
import type { Gender, Member } from '../members/member.entity.js';

export const CORRECTION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** The personal fields a member may ask their secretary to correct (the right to rectification). */
export const CORRECTABLE_FIELDS = [
  'fullName',
  'gender',
  'birthDate',
  'phone',
  'email',
  'partyCardNumber',
  'admittedAt',
  'officialAt',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** The requested new values; a null clears a field that may be empty. */
export interface CorrectionChanges {
  fullName?: string;
  gender?: Gender;
  birthDate?: string;
  phone?: string | null;
  email?: string | null;
  partyCardNumber?: string | null;
  admittedAt?: string;
  officialAt?: string | null;
}

/**
 * A member's request to correct their own record. It belongs to the branch the member stood in
 * when asking (`committeeId`): staff of that branch's tree decide it; an approval applies the
 * changes to the record.
 */
@Entity('member_correction_requests')
@Check('member_correction_requests_status_check', `status IN ('pending','approved','rejected')`)
export class CorrectionRequest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'member_correction_requests_pkey' })
  id: string;

  @Index('member_correction_requests_member_id_idx')
  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_correction_requests_member_id_fkey' })
  member?: Relation<Member>;

  @Index('member_correction_requests_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'member_correction_requests_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ name: 'fields', type: 'jsonb' })
  changes: CorrectionChanges;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: CorrectionStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'member_correction_requests_decided_by_fkey' })
  decider?: Relation<User> | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;
}
