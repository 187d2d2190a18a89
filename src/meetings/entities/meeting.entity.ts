import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { User } from '../../auth/user.entity.js';
import type { Committee } from '../../committees/committee.entity.js';
import { MEETING_KINDS, MEETING_STATUSES, type MeetingKind, type MeetingStatus } from '../meetings.rules.js';
import type { MeetingGuidance } from './meeting-guidance.entity.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A branch meeting (sinh hoạt chi bộ): regular (thường kỳ, monthly), thematic (chuyên đề) or
 * extraordinary, of a branch or of a grassroots committee's own members. docs/meetings.md.
 */
@Entity('meetings')
@Check('meetings_kind_check', `kind IN (${list(MEETING_KINDS)})`)
@Check('meetings_status_check', `status IN (${list(MEETING_STATUSES)})`)
@Check('meetings_time_check', `ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at`)
@Check('meetings_month_check', `EXTRACT(DAY FROM month) = 1`)
@Index('meetings_committee_month_idx', ['committeeId', 'month'])
export class Meeting {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'meetings_pkey' })
  id: string;

  /** The branch (chi bộ) or grassroots committee whose members meet. */
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'meetings_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'varchar', length: 16 })
  kind: MeetingKind;

  /** The month the meeting belongs to: its first day (a regular meeting is the meeting of this month). */
  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  place: string | null;

  @Column({ name: 'online_url', type: 'varchar', length: 1000, nullable: true })
  onlineUrl: string | null;

  @Index('meetings_status_idx')
  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: MeetingStatus;

  /** Why the meeting was postponed or cancelled. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  /** When the secretary sent the schedule to the members (draft → scheduled). */
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  /** A regular meeting scheduled after the deadline (day N of the month before; meetings.rules.ts). */
  @Column({ type: 'boolean', default: false })
  late: boolean;

  /** The month's guidance (định hướng) the agenda was adopted from, if any. */
  @Column({ name: 'guidance_id', type: 'uuid', nullable: true })
  guidanceId: string | null;

  @ManyToOne('MeetingGuidance', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'guidance_id', foreignKeyConstraintName: 'meetings_guidance_id_fkey' })
  guidance?: Relation<MeetingGuidance> | null;

  /** The secret the rotating check-in code is derived from (set when the meeting starts). */
  @Column({ name: 'checkin_secret', type: 'varchar', length: 64, nullable: true })
  checkinSecret: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  /** When the meeting was closed (in_progress → held). */
  @Column({ name: 'held_at', type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  /** The minutes (biên bản): discussion summary and conclusions typed by the secretary. */
  @Column({ name: 'minutes_summary', type: 'text', nullable: true })
  minutesSummary: string | null;

  @Column({ name: 'minutes_conclusions', type: 'text', nullable: true })
  minutesConclusions: string | null;

  @Column({ name: 'minutes_locked_at', type: 'timestamptz', nullable: true })
  minutesLockedAt: Date | null;

  @Column({ name: 'minutes_locked_by', type: 'uuid', nullable: true })
  minutesLockedBy: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'meetings_created_by_fkey' })
  creator?: Relation<User> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
