import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { ActivityHold } from '../members/member.entity.js';
import { MeetingAttendance } from './entities/meeting-attendance.entity.js';
import { Meeting } from './entities/meeting.entity.js';
import type { AttendanceState, CheckInMethod } from './meetings.rules.js';

/** One attendance row with the member's name and the state of their excuse, for the secretary's list. */
export interface AttendanceListRow {
  memberId: string;
  fullName: string;
  official: boolean;
  exempt: boolean;
  hold: ActivityHold | null;
  state: AttendanceState;
  checkedInAt: Date | null;
  checkInMethod: CheckInMethod | null;
  excuseStatus: 'pending' | 'accepted' | 'declined' | null;
}

/** A member's attendance over a year of held meetings, by state. */
export interface YearCounts {
  meetings: number;
  present: number;
  late: number;
  excused: number;
  unexcused: number;
  exempt: number;
}

/** AttendanceRepository.find (bench/paths.ts runs the same): one member's row, columns named as MeetingAttendance's properties. */
export const ATTENDANCE_ROW_SQL = `SELECT a.meeting_id AS "meetingId", a.member_id AS "memberId", a.official, a.exempt, a.hold, a.state,
    a.checked_in_at AS "checkedInAt", a.check_in_method AS "checkInMethod", a.marked_by AS "markedBy"
  FROM meeting_attendance a WHERE a.meeting_id = $1 AND a.member_id = $2`;
export const ATTENDANCE_ROW_SQL_FOR_UPDATE = `${ATTENDANCE_ROW_SQL} FOR UPDATE`;
/** AttendanceRepository.setState (bench/paths.ts runs the same). */
export const ATTENDANCE_SET_STATE_SQL = `UPDATE meeting_attendance SET state = $3, checked_in_at = $4, check_in_method = $5, marked_by = $6
  WHERE meeting_id = $1 AND member_id = $2`;

/** The SQL of attendance (meeting_attendance, and the meeting's start/close columns). */
@Injectable()
export class AttendanceRepository {
  /** The rows of a meeting with the members' names, by name. */
  async list(tx: Tx, meetingId: string): Promise<AttendanceListRow[]> {
    const rows: {
      member_id: string;
      full_name: string;
      official: boolean;
      exempt: boolean;
      hold: ActivityHold | null;
      state: AttendanceState;
      checked_in_at: Date | null;
      check_in_method: CheckInMethod | null;
      excuse_status: AttendanceListRow['excuseStatus'];
    }[] = await tx.query(
      `SELECT a.member_id, m.full_name, a.official, a.exempt, a.hold, a.state, a.checked_in_at, a.check_in_method, e.status AS excuse_status
         FROM meeting_attendance a
         JOIN members m ON m.id = a.member_id
         LEFT JOIN meeting_excuses e ON e.meeting_id = a.meeting_id AND e.member_id = a.member_id
        WHERE a.meeting_id = $1
        ORDER BY m.name_sort_key, a.member_id`,
      [meetingId],
    );
    return rows.map((r) => ({
      memberId: r.member_id,
      fullName: r.full_name,
      official: r.official,
      exempt: r.exempt,
      hold: r.hold,
      state: r.state,
      checkedInAt: r.checked_in_at ? new Date(r.checked_in_at) : null,
      checkInMethod: r.check_in_method,
      excuseStatus: r.excuse_status,
    }));
  }

  /** Every row of a meeting (no names). */
  rows(tx: Tx, meetingId: string): Promise<MeetingAttendance[]> {
    return tx.getRepository(MeetingAttendance).find({ where: { meetingId }, order: { memberId: 'ASC' } });
  }

  /** One member's row, locked when asked: a constant statement (a check-in and a vote read it), its row made the entity by hand. */
  async find(tx: Tx, meetingId: string, memberId: string, lock = false): Promise<MeetingAttendance | null> {
    const [row] = await tx.query(lock ? ATTENDANCE_ROW_SQL_FOR_UPDATE : ATTENDANCE_ROW_SQL, [meetingId, memberId]);
    return row ? Object.assign(new MeetingAttendance(), row) : null;
  }

  /** The members of a meeting whose excuse was accepted. */
  async acceptedExcuses(tx: Tx, meetingId: string): Promise<Set<string>> {
    const rows: { member_id: string }[] = await tx.query(
      `SELECT member_id FROM meeting_excuses WHERE meeting_id = $1 AND status = 'accepted'`,
      [meetingId],
    );
    return new Set(rows.map((r) => r.member_id));
  }

  async setState(
    tx: Tx,
    meetingId: string,
    memberId: string,
    change: { state: AttendanceState; checkedInAt: Date | null; checkInMethod: CheckInMethod | null; markedBy: string | null },
  ): Promise<void> {
    await tx.query(ATTENDANCE_SET_STATE_SQL, [
      meetingId,
      memberId,
      change.state,
      change.checkedInAt,
      change.checkInMethod,
      change.markedBy,
    ]);
  }

  /** Resolves every row still 'invited' when the meeting closes (excused, exempt or unexcused: meetings.rules.ts closingState). */
  async resolveInvited(tx: Tx, meetingId: string): Promise<void> {
    await tx.query(
      `UPDATE meeting_attendance a
          SET state = CASE
                WHEN EXISTS (SELECT 1 FROM meeting_excuses e
                              WHERE e.meeting_id = a.meeting_id AND e.member_id = a.member_id AND e.status = 'accepted') THEN 'excused'
                WHEN a.exempt THEN 'exempt'
                WHEN a.hold IS NOT NULL THEN 'excused'
                ELSE 'unexcused' END
        WHERE a.meeting_id = $1 AND a.state = 'invited'`,
      [meetingId],
    );
  }

  /** The meeting as it is now (after a change in this transaction). */
  meeting(tx: Tx, id: string): Promise<Meeting> {
    return tx.getRepository(Meeting).findOneByOrFail({ id });
  }

  /** Writes the meeting's start or close. */
  async updateMeeting(
    tx: Tx,
    id: string,
    change: Partial<Pick<Meeting, 'status' | 'startedAt' | 'heldAt' | 'checkinSecret'>>,
  ): Promise<void> {
    await tx.getRepository(Meeting).update({ id }, change);
  }

  /**
   * A member's attendance at the meetings of a year (by the meetings' month) that were held (held or
   * minutes locked), by state.
   */
  async yearCounts(tx: Tx, memberId: string, year: number): Promise<YearCounts> {
    const [row]: YearCounts[] = await tx.query(
      `SELECT count(*)::int AS meetings,
              (count(*) FILTER (WHERE a.state = 'present'))::int AS present,
              (count(*) FILTER (WHERE a.state = 'late'))::int AS late,
              (count(*) FILTER (WHERE a.state = 'excused'))::int AS excused,
              (count(*) FILTER (WHERE a.state = 'unexcused'))::int AS unexcused,
              (count(*) FILTER (WHERE a.state = 'exempt'))::int AS exempt
         FROM meeting_attendance a
         JOIN meetings mt ON mt.id = a.meeting_id
        WHERE a.member_id = $1
          AND mt.status IN ('held', 'minutes_locked')
          AND mt.month >= make_date($2::int, 1, 1) AND mt.month < make_date($2::int + 1, 1, 1)`,
      [memberId, year],
    );
    return row;
  }
}
