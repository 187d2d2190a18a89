import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { ActivityHold, Member } from '../../members/member.entity.js';
import { ATTENDANCE_STATES, type AttendanceState, type CheckInMethod } from '../meetings.rules.js';
import type { Meeting } from './meeting.entity.js';

/**
 * A member invited to a meeting and what became of it. Every current member of the branch is
 * invited when the meeting is scheduled; exempted members are invited but never counted absent.
 * `official` is the member's standing on the day (only full members vote and count for decisions);
 * `exempt` and `hold` are the member's exemption and activity hold on the day.
 */
@Entity('meeting_attendance')
@Check('meeting_attendance_state_check', `state IN (${ATTENDANCE_STATES.map((s) => `'${s}'`).join(', ')})`)
@Check('meeting_attendance_hold_check', `hold IS NULL OR hold IN ('temporary_transfer', 'suspended')`)
@Check('meeting_attendance_method_check', `check_in_method IS NULL OR check_in_method IN ('code', 'secretary')`)
export class MeetingAttendance {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid', primaryKeyConstraintName: 'meeting_attendance_pkey' })
  meetingId: string;

  @Index('meeting_attendance_member_id_idx')
  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'meeting_attendance_pkey' })
  memberId: string;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_attendance_meeting_id_fkey' })
  meeting?: Relation<Meeting>;

  @ManyToOne('Member', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'meeting_attendance_member_id_fkey' })
  member?: Relation<Member>;

  /** A full member (đảng viên chính thức) when invited: may vote. */
  @Column({ type: 'boolean' })
  official: boolean;

  /** Exempted from Party activities (miễn sinh hoạt) when invited. */
  @Column({ type: 'boolean', default: false })
  exempt: boolean;

  /**
   * The member's activity hold when invited: temporarily attending elsewhere (not counted for
   * decisions unless checked in) or suspended (never counted, neither checks in nor votes).
   */
  @Column({ type: 'varchar', length: 24, nullable: true })
  hold: ActivityHold | null;

  /** invited until the member checks in or the meeting closes. */
  @Column({ type: 'varchar', length: 16, default: 'invited' })
  state: AttendanceState;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'check_in_method', type: 'varchar', length: 16, nullable: true })
  checkInMethod: CheckInMethod | null;

  /** The staff account that marked the member (elderly members without a phone). */
  @Column({ name: 'marked_by', type: 'uuid', nullable: true })
  markedBy: string | null;
}
