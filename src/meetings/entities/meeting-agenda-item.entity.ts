import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Member } from '../../members/member.entity.js';
import type { Meeting } from './meeting.entity.js';

/** One item of a meeting's agenda, in order, with its presenter. */
@Entity('meeting_agenda_items')
@Index('meeting_agenda_items_meeting_position_idx', ['meetingId', 'position'])
export class MeetingAgendaItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_agenda_items_pkey' })
  id: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_agenda_items_meeting_id_fkey' })
  meeting?: Relation<Meeting>;

  /** 1, 2, 3… in the order the items are taken. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Who presents the item: a member of the branch, or a name (a guest from the committee above). */
  @Column({ name: 'presenter_member_id', type: 'uuid', nullable: true })
  presenterMemberId: string | null;

  @ManyToOne('Member', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'presenter_member_id', foreignKeyConstraintName: 'meeting_agenda_items_presenter_member_id_fkey' })
  presenterMember?: Relation<Member> | null;

  @Column({ name: 'presenter_name', type: 'varchar', length: 255, nullable: true })
  presenterName: string | null;
}
