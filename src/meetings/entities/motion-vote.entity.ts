import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Member } from '../../members/member.entity.js';
import { VOTE_CHOICES, type VoteChoice } from '../meetings.rules.js';
import type { MeetingMotion } from './meeting-motion.entity.js';

/** A vote on an open (named) motion: who chose what. Secret motions never write here. */
@Entity('motion_votes')
@Check('motion_votes_choice_check', `choice IN (${VOTE_CHOICES.map((c) => `'${c}'`).join(', ')})`)
export class MotionVote {
  @PrimaryColumn({ name: 'motion_id', type: 'uuid', primaryKeyConstraintName: 'motion_votes_pkey' })
  motionId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'motion_votes_pkey' })
  memberId: string;

  @ManyToOne('MeetingMotion', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'motion_id', foreignKeyConstraintName: 'motion_votes_motion_id_fkey' })
  motion?: Relation<MeetingMotion>;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'motion_votes_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ type: 'varchar', length: 16 })
  choice: VoteChoice;

  @Column({ name: 'other_text', type: 'text', nullable: true })
  otherText: string | null;

  @Column({ name: 'voted_at', type: 'timestamptz' })
  votedAt: Date;
}
