import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Member } from '../../members/member.entity.js';
import { EXCUSE_STATUSES, type ExcuseStatus } from '../meetings.rules.js';
import type { Meeting } from './meeting.entity.js';

/** A member's request to be excused from a meeting (xin vắng), and the secretary's decision. */
@Entity('meeting_excuses')
@Check('meeting_excuses_status_check', `status IN (${EXCUSE_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Index('meeting_excuses_meeting_member_key', ['meetingId', 'memberId'], { unique: true })
export class MeetingExcuse {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_excuses_pkey' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_excuses_meeting_id_fkey' })
  meeting?: Relation<Meeting>;

  @Index('meeting_excuses_member_id_idx')
  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'meeting_excuses_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ExcuseStatus;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
