import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { Committee } from '../committees/committee.entity.js';

/*
 * The committee's view of branch meetings (issue 16, docs/meetings.md "The committee's view"): four
 * tables kept exact by database triggers (migrations/1796450000000-meeting-report.ts), whatever writes
 * `meetings`, `meeting_attendance` or `committees`. The report reads a few rows of them, whatever the
 * size of the tree (meeting-report.repository.ts names the triggers).
 *
 * A "unit" is a committee that keeps a members' list and so meets (committees.rules.ts
 * MEMBER_HOLDING_KINDS: a branch, or a grassroots organisation) and is not archived. A meeting counts
 * once it is held (`held` or `minutes_locked`).
 */

/** One counted (held) meeting and its attendance: what it adds to its unit's month. */
@Entity('meeting_report_meetings')
export class MeetingReportMeeting {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid', primaryKeyConstraintName: 'meeting_report_meetings_pkey' })
  meetingId: string;

  // the meeting (src/meetings owns the table); named by string: analytics does not import meetings
  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'meeting_report_meetings_meeting_id_fkey' })
  meeting?: Relation<object>;

  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** Scheduled by the deadline (not `late`). */
  @Column({ name: 'on_time', type: 'boolean' })
  onTime: boolean;

  /** Invited members who are not exempt (present, late, excused, unexcused, or still `invited`). */
  @Column({ type: 'integer' })
  expected: number;

  /** Present or late. */
  @Column({ type: 'integer' })
  attended: number;
}

/** The held meetings of one committee's own month (not its subtree's). */
@Entity('meeting_unit_months')
export class MeetingUnitMonth {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'meeting_unit_months_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'meeting_unit_months_committee_id_fkey' })
  committee?: Relation<Committee>;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'meeting_unit_months_pkey' })
  month: string;

  @Column({ name: 'regular_held', type: 'integer', default: 0 })
  regularHeld: number;

  /** Held regular meetings that were scheduled on time. */
  @Column({ name: 'regular_on_time', type: 'integer', default: 0 })
  regularOnTime: number;

  @Column({ name: 'thematic_held', type: 'integer', default: 0 })
  thematicHeld: number;

  @Column({ name: 'extraordinary_held', type: 'integer', default: 0 })
  extraordinaryHeld: number;

  @Column({ name: 'attendance_expected', type: 'integer', default: 0 })
  attendanceExpected: number;

  @Column({ name: 'attendance_attended', type: 'integer', default: 0 })
  attendanceAttended: number;
}

/** A committee's whole subtree in a month: its units' held meetings, counted once per unit where it says so. */
@Entity('committee_meeting_months')
export class CommitteeMeetingMonth {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'committee_meeting_months_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'committee_meeting_months_committee_id_fkey' })
  committee?: Relation<Committee>;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'committee_meeting_months_pkey' })
  month: string;

  /** Units that held at least one regular meeting that month. */
  @Column({ name: 'units_held', type: 'integer', default: 0 })
  unitsHeld: number;

  /** Units that held a regular meeting scheduled on time that month. */
  @Column({ name: 'units_on_time', type: 'integer', default: 0 })
  unitsOnTime: number;

  @Column({ name: 'regular_held', type: 'integer', default: 0 })
  regularHeld: number;

  @Column({ name: 'thematic_held', type: 'integer', default: 0 })
  thematicHeld: number;

  @Column({ name: 'extraordinary_held', type: 'integer', default: 0 })
  extraordinaryHeld: number;

  @Column({ name: 'attendance_expected', type: 'integer', default: 0 })
  attendanceExpected: number;

  @Column({ name: 'attendance_attended', type: 'integer', default: 0 })
  attendanceAttended: number;
}

/** The units (member-holding committees, not archived) of a committee's subtree, itself included. */
@Entity('committee_unit_counts')
export class CommitteeUnitCount {
  @PrimaryColumn({ name: 'committee_id', type: 'integer', primaryKeyConstraintName: 'committee_unit_counts_pkey' })
  committeeId: number;

  @ManyToOne('Committee', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'committee_unit_counts_committee_id_fkey' })
  committee?: Relation<Committee>;

  @Column({ type: 'integer' })
  units: number;
}

export const MEETING_REPORT_ENTITIES = [MeetingReportMeeting, MeetingUnitMonth, CommitteeMeetingMonth, CommitteeUnitCount];
