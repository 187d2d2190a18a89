import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Committee } from '../committees/committee.entity.js';

/**
 * How many of a subtree's current members first installed the app on each (Vietnam) day. A member
 * who leaves takes their install out of the series; a transfer moves it. Kept by the same triggers
 * as committee_member_counts.
 */
@Entity('committee_install_days')
export class CommitteeInstallDay {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'committee_install_days_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'committee_install_days_committee_id_fkey' })
  committee?: Relation<Committee>;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'committee_install_days_pkey' })
  day: string;

  @Column({ type: 'integer' })
  installs: number;
}
