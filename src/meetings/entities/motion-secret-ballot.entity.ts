import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { MeetingMotion } from './meeting-motion.entity.js';

/**
 * The text of an "Ý kiến khác" (other opinion) on a secret motion. No member id, no time, a random id:
 * nothing here points at a voter, and texts are shown sorted by text, never in arrival order.
 * The counts themselves are the motion's counters.
 */
@Entity('motion_secret_ballots')
export class MotionSecretBallot {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'motion_secret_ballots_pkey' })
  id: string;

  @Index('motion_secret_ballots_motion_id_idx')
  @Column({ name: 'motion_id', type: 'uuid' })
  motionId: string;

  @ManyToOne('MeetingMotion', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'motion_id', foreignKeyConstraintName: 'motion_secret_ballots_motion_id_fkey' })
  motion?: Relation<MeetingMotion>;

  @Column({ name: 'other_text', type: 'text' })
  otherText: string;
}
