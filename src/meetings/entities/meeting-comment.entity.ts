import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Member } from '../../members/member.entity.js';
import type { MeetingAgendaItem } from './meeting-agenda-item.entity.js';
import type { Meeting } from './meeting.entity.js';

/** A member's comment (góp ý) on an agenda item before the meeting; the secretary may hide it with a reason. */
@Entity('meeting_comments')
@Index('meeting_comments_meeting_created_idx', ['meetingId', 'createdAt'])
export class MeetingComment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_comments_pkey' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_comments_meeting_id_fkey' })
  meeting?: Relation<Meeting>;

  @Column({ name: 'agenda_item_id', type: 'uuid' })
  agendaItemId: string;

  @ManyToOne('MeetingAgendaItem', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agenda_item_id', foreignKeyConstraintName: 'meeting_comments_agenda_item_id_fkey' })
  agendaItem?: Relation<MeetingAgendaItem>;

  @Index('meeting_comments_member_id_idx')
  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'meeting_comments_member_id_fkey' })
  member?: Relation<Member>;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'hidden_by', type: 'uuid', nullable: true })
  hiddenBy: string | null;

  @Column({ name: 'hidden_reason', type: 'text', nullable: true })
  hiddenReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
