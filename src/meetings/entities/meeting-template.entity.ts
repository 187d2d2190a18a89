import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Committee } from '../../committees/committee.entity.js';

/** An agenda item of the monthly template. */
export interface TemplateAgendaItem {
  title: string;
  description: string | null;
  presenterMemberId: string | null;
  presenterName: string | null;
}

/**
 * A branch's monthly template: the usual day, time, place and standing agenda items from which the
 * next month's regular meeting is drafted. Also where the committee sets its scheduling deadline.
 */
@Entity('meeting_templates')
@Check('meeting_templates_day_check', `day_of_month BETWEEN 1 AND 28`)
@Check('meeting_templates_deadline_check', `deadline_day BETWEEN 1 AND 28`)
@Check('meeting_templates_duration_check', `duration_minutes BETWEEN 15 AND 720`)
export class MeetingTemplate {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'meeting_templates_pkey' })
  committeeId: number;

  @OneToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'meeting_templates_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ name: 'title', type: 'varchar', length: 500 })
  title: string;

  /** The usual day of the month (1–28). */
  @Column({ name: 'day_of_month', type: 'integer', default: 5 })
  dayOfMonth: number;

  /** Local (Vietnam) start time, 'HH:MM'. */
  @Column({ name: 'start_time', type: 'varchar', length: 5, default: '14:00' })
  startTime: string;

  @Column({ name: 'duration_minutes', type: 'integer', default: 120 })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  place: string | null;

  @Column({ name: 'online_url', type: 'varchar', length: 1000, nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'jsonb' })
  agenda: TemplateAgendaItem[];

  /** A regular meeting for month M is on time when scheduled by this day of M−1 (default 20). */
  @Column({ name: 'deadline_day', type: 'integer', default: 20 })
  deadlineDay: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
