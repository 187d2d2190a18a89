import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Committee } from '../committees/committee.entity.js';
import type { MemberStatus } from '../members/member.entity.js';

/**
 * Current members (not left) of a committee's whole subtree (itself and everything below), counted
 * by status, exemption, install and not-installed reason (`''` for none, and for installed members).
 * Kept exact by database triggers on `members` and `committees`, whatever writes them.
 */
@Entity('committee_member_counts')
export class CommitteeMemberCount {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'committee_member_counts_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'committee_member_counts_committee_id_fkey' })
  committee?: Relation<Committee>;

  @PrimaryColumn({ type: 'varchar', length: 16, primaryKeyConstraintName: 'committee_member_counts_pkey' })
  status: MemberStatus;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'committee_member_counts_pkey' })
  exempted: boolean;

  @PrimaryColumn({ type: 'boolean', primaryKeyConstraintName: 'committee_member_counts_pkey' })
  installed: boolean;

  @PrimaryColumn({ type: 'varchar', length: 32, primaryKeyConstraintName: 'committee_member_counts_pkey' })
  reason: string;

  @Column({ type: 'integer' })
  n: number;
}
