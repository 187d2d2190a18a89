import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Meeting } from './meeting.entity.js';

/** A dated correction to locked minutes (phụ lục): locked minutes are never edited, only added to. */
@Entity('meeting_minutes_addenda')
export class MeetingMinutesAddendum {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meeting_minutes_addenda_pkey' })
  id: string;

  @Index('meeting_minutes_addenda_meeting_id_idx')
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_minutes_addenda_meeting_id_fkey' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
