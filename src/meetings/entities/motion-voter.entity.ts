import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Member } from '../../members/member.entity.js';
import type { MeetingMotion } from './meeting-motion.entity.js';

/** That a member has voted on a secret motion (the guard against a second ballot), with nothing of the ballot. */
@Entity('motion_voters')
export class MotionVoter {
  @PrimaryColumn({ name: 'motion_id', type: 'uuid', primaryKeyConstraintName: 'motion_voters_pkey' })
  motionId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'motion_voters_pkey' })
  memberId: string;

  @ManyToOne('MeetingMotion', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'motion_id', foreignKeyConstraintName: 'motion_voters_motion_id_fkey' })
  motion?: Relation<MeetingMotion>;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'motion_voters_member_id_fkey' })
  member?: Relation<Member>;
}
