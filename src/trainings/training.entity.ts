import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { User } from '../auth/user.entity.js';
import type { Committee } from '../committees/committee.entity.js';

/** A training session (hội nghị tập huấn) on the handbook, held by a committee for its staff and members. */
@Entity('trainings')
@Check('trainings_attendees_check', `attendees >= 0`)
export class Training {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'trainings_pkey' })
  id: string;

  /** The organising committee: the training is seen by the staff of its subtree. */
  @Index('trainings_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'trainings_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Index('trainings_held_on_idx')
  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'varchar', length: 500 })
  topic: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  location: string | null;

  /** How many attended. */
  @Column({ type: 'integer' })
  attendees: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'trainings_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
