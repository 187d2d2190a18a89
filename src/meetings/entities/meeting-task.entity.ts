import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Member } from '../../members/member.entity.js';
import type { Meeting } from './meeting.entity.js';

/** A task the meeting assigned (nhiệm vụ): to a member, or to the branch committee (chi ủy) when no member is named. */
@Entity('meeting_tasks')
@Check('meeting_tasks_done_check', `(done_at IS NULL) = (done_by IS NULL)`)
export class MeetingTask {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_tasks_pkey' })
  id: string;

  @Index('meeting_tasks_meeting_id_idx')
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_tasks_meeting_id_fkey' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'varchar', length: 1000 })
  title: string;

  /** Null: assigned to the branch committee. */
  @Index('meeting_tasks_assignee_idx')
  @Column({ name: 'assignee_member_id', type: 'uuid', nullable: true })
  assigneeMemberId: string | null;

  @ManyToOne('Member', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'assignee_member_id', foreignKeyConstraintName: 'meeting_tasks_assignee_member_id_fkey' })
  assignee?: Relation<Member> | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  /** The user (member account or staff) who marked it done. */
  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
