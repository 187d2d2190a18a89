import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Meeting } from './meeting.entity.js';

/**
 * A motion put to the vote during a meeting (biểu quyết): Đồng ý / Không đồng ý / Ý kiến khác.
 * Open motions record who chose what (motion_votes); secret ones keep only counts and the texts of
 * "other" opinions (motion_secret_ballots), apart from the "has voted" markers (motion_voters).
 * The denominator (full members counted) is fixed when the motion closes.
 */
@Entity('meeting_motions')
@Check('meeting_motions_status_check', `status IN ('open', 'closed')`)
@Check('meeting_motions_counts_check', `agree_count >= 0 AND disagree_count >= 0 AND other_count >= 0`)
@Index('meeting_motions_meeting_idx', ['meetingId', 'position'])
export class MeetingMotion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_motions_pkey' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_motions_meeting_id_fkey' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 1000 })
  title: string;

  @Column({ type: 'boolean', default: false })
  secret: boolean;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: 'open' | 'closed';

  @Column({ name: 'agree_count', type: 'integer', default: 0 })
  agreeCount: number;

  @Column({ name: 'disagree_count', type: 'integer', default: 0 })
  disagreeCount: number;

  @Column({ name: 'other_count', type: 'integer', default: 0 })
  otherCount: number;

  /** Full members counted for the decision (rules: meetings.rules.ts decisionDenominator), set on close. */
  @Column({ type: 'integer', nullable: true })
  denominator: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
