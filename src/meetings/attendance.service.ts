import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { localDate } from '../common/dates.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { RateLimitStore } from '../common/rate-limit.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { MembersService } from '../members/members.service.js';
import { AttendanceRepository } from './attendance.repository.js';
import type {
  AttendanceYearQuery,
  CheckInCodeResponse,
  CheckInDto,
  CheckInResult,
  MarkAttendanceDto,
  MeetingAttendanceResponse,
  MeetingRunState,
  MemberAttendanceYear,
} from './dto/attendance.dto.js';
import type { MeetingAttendance } from './entities/meeting-attendance.entity.js';
import type { Meeting } from './entities/meeting.entity.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import {
  attendanceSummary,
  canMoveTo,
  CHECK_IN_ATTEMPT_WINDOW_SECONDS,
  CHECK_IN_MAX_ATTEMPTS,
  checkInCode,
  checkInCodeMatches,
  checkInQrText,
  checkInState,
  codeWindow,
  codeWindowEnd,
  inCheckInWindow,
  isCheckedIn,
  mayStart,
  mayTakePart,
  ratio,
  START_EARLY_MINUTES,
} from './meetings.rules.js';
import { MotionsService } from './motions.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { notifyCheckInOpened } from './meeting-notifications.js';

const toCheckIn = (row: MeetingAttendance): CheckInResult => ({
  meetingId: row.meetingId,
  state: row.state,
  checkedInAt: row.checkedInAt ? new Date(row.checkedInAt).toISOString() : null,
  checkInMethod: row.checkInMethod,
});

/**
 * Attendance (issue 16 item 3): the secretary starts and closes the meeting, shows the rotating
 * check-in code, and marks members on their behalf; members check in with the code. The rules are
 * meetings.rules.ts; docs/meetings.md "Attendance and votes".
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly tx: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly rows: AttendanceRepository,
    private readonly motions: MotionsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly limits: RateLimitStore,
    private readonly notifications: NotificationsService,
  ) {}

  /** scheduled → in_progress, from START_EARLY_MINUTES before the start; a fresh check-in secret. */
  async start(principal: Principal, id: string): Promise<MeetingRunState> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id, true);
      if (!canMoveTo(meeting.status, 'in_progress')) throw MeetingErrors.invalidTransition(meeting.status, 'started');
      const now = new Date();
      if (!mayStart(meeting.startsAt, now)) throw MeetingErrors.tooEarlyToStart(START_EARLY_MINUTES);
      await this.rows.updateMeeting(tx, id, { status: 'in_progress', startedAt: now, checkinSecret: randomBytes(32).toString('hex') });
      await this.audit.record(tx, principal, {
        action: 'meeting.start',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
      });
      await notifyCheckInOpened(this.notifications, tx, principal, meeting);
      return this.runState(tx, id);
    });
  }

  /**
   * in_progress → held. Open motions are closed first (their denominators fixed); every member
   * still 'invited' becomes excused (accepted excuse), exempt or unexcused.
   */
  async close(principal: Principal, id: string): Promise<MeetingRunState> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id, true);
      if (!canMoveTo(meeting.status, 'held')) throw MeetingErrors.invalidTransition(meeting.status, 'closed');
      await this.motions.closeAllOpen(tx, principal, meeting);
      await this.rows.resolveInvited(tx, id);
      await this.rows.updateMeeting(tx, id, { status: 'held', heldAt: new Date() });
      const result = await this.runState(tx, id);
      await this.audit.record(tx, principal, {
        action: 'meeting.close',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
        details: { ...result.summary },
      });
      return result;
    });
  }

  /** The current code (only while the meeting is in progress). */
  async code(principal: Principal, id: string): Promise<CheckInCodeResponse> {
    const meeting = await this.meetings.findForStaff(this.tx.none, principal, id);
    if (meeting.status !== 'in_progress' || !meeting.checkinSecret) throw MeetingErrors.notInProgress(meeting.status);
    const window = codeWindow(new Date());
    const code = checkInCode(meeting.checkinSecret, window);
    return { code, expiresAt: codeWindowEnd(window).toISOString(), qrText: checkInQrText(meeting.id, code) };
  }

  async list(principal: Principal, id: string): Promise<MeetingAttendanceResponse> {
    await this.meetings.findForStaff(this.tx.none, principal, id);
    return this.attendanceOf(this.tx.none, id);
  }

  /**
   * The secretary marks a member (no phone, elderly) while the meeting is in progress or held, not once the minutes are
   * locked. A member suspended from Party activities is not marked present or late (403 CHECK_IN_NOT_ELIGIBLE).
   */
  async mark(principal: Principal, id: string, memberId: string, dto: MarkAttendanceDto): Promise<MeetingAttendanceResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id, true);
      if (meeting.status === 'minutes_locked') throw MeetingErrors.minutesLocked();
      if (meeting.status !== 'in_progress' && meeting.status !== 'held') throw MeetingErrors.notInProgressOrHeld(meeting.status);
      const row = isUuid(memberId) ? await this.rows.find(tx, id, memberId, true) : null;
      if (!row) throw MeetingErrors.attendanceNotFound();
      const checkedIn = dto.state === 'present' || dto.state === 'late';
      if (checkedIn && !mayTakePart(row)) throw MeetingErrors.checkInNotEligible();
      await this.rows.setState(tx, id, memberId, {
        state: dto.state,
        checkedInAt: checkedIn ? (row.checkedInAt ?? new Date()) : null,
        checkInMethod: 'secretary',
        markedBy: principal.id,
      });
      await this.audit.record(tx, principal, {
        action: 'meeting.attendance.mark',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
        details: { memberId, from: row.state, to: dto.state },
      });
      return this.attendanceOf(tx, id);
    });
  }

  /**
   * A member checks in with the code. A member suspended from Party activities: 403
   * CHECK_IN_NOT_ELIGIBLE. Already checked in: the same answer again (a retry counts once). Otherwise the meeting must be in progress and within its window; every attempt counts
   * against CHECK_IN_MAX_ATTEMPTS per member and meeting (429 beyond, right code or not), so codes
   * cannot be guessed.
   */
  async checkIn(principal: Principal, id: string, dto: CheckInDto): Promise<CheckInResult> {
    const memberId = principal.memberId;
    if (!memberId) throw MeetingErrors.notFound();
    const before = await this.checkInTarget(this.tx.none, principal, id, memberId);
    if (!mayTakePart(before.row)) throw MeetingErrors.checkInNotEligible();
    if (isCheckedIn(before.row.state)) return toCheckIn(before.row);
    this.assertOpen(before.meeting);
    const exceeded = await this.limits.hit(
      [{ key: `meeting-checkin:${id}:${memberId}`, max: CHECK_IN_MAX_ATTEMPTS }],
      CHECK_IN_ATTEMPT_WINDOW_SECONDS,
    );
    if (exceeded) throw MeetingErrors.checkInRateLimited(exceeded.retryAfter);
    const now = new Date();
    if (!checkInCodeMatches(before.meeting.checkinSecret!, dto.code, now)) throw MeetingErrors.checkInCodeInvalid();
    return this.tx.run(async (tx) => {
      const { meeting, row } = await this.checkInTarget(tx, principal, id, memberId, true);
      if (isCheckedIn(row.state)) return toCheckIn(row);
      this.assertOpen(meeting);
      const change = { state: checkInState(meeting.startsAt, now), checkedInAt: now, checkInMethod: 'code' as const, markedBy: null };
      await this.rows.setState(tx, id, memberId, change);
      return toCheckIn({ ...row, ...change });
    });
  }

  /** A member's attendance over a year, for staff whose scope holds the member. */
  async memberYear(principal: Principal, memberId: string, query: AttendanceYearQuery): Promise<MemberAttendanceYear> {
    await this.members.findInScope(this.tx.none, principal, memberId);
    return this.year(this.tx.none, memberId, query.year);
  }

  /** The caller's own attendance over a year. */
  async myYear(principal: Principal, query: AttendanceYearQuery): Promise<MemberAttendanceYear> {
    if (!principal.memberId) throw MeetingErrors.attendanceNotFound();
    return this.year(this.tx.none, principal.memberId, query.year);
  }

  private async year(tx: Tx, memberId: string, year = Number(localDate().slice(0, 4))): Promise<MemberAttendanceYear> {
    const c = await this.rows.yearCounts(tx, memberId, year);
    const attended = c.present + c.late;
    return {
      year,
      meetings: c.meetings,
      attended,
      excused: c.excused,
      unexcused: c.unexcused,
      exempt: c.exempt,
      rate: ratio(attended, c.meetings - c.exempt),
    };
  }

  private async checkInTarget(tx: Tx, principal: Principal, id: string, memberId: string, lock = false) {
    const meeting = await this.meetings.findForMember(tx, principal, id, lock ? 'share' : false);
    const row = await this.rows.find(tx, id, memberId, lock);
    if (!row) throw MeetingErrors.notFound();
    return { meeting, row };
  }

  private assertOpen(meeting: Meeting): void {
    if (meeting.status !== 'in_progress' || !meeting.checkinSecret || !inCheckInWindow(meeting.startsAt, meeting.endsAt, new Date())) {
      throw MeetingErrors.checkInClosed();
    }
  }

  private async runState(tx: Tx, id: string): Promise<MeetingRunState> {
    const meeting = await this.rows.meeting(tx, id);
    return {
      id,
      status: meeting.status,
      startedAt: meeting.startedAt ? new Date(meeting.startedAt).toISOString() : null,
      heldAt: meeting.heldAt ? new Date(meeting.heldAt).toISOString() : null,
      summary: attendanceSummary(await this.rows.rows(tx, id)),
    };
  }

  private async attendanceOf(tx: Tx, id: string): Promise<MeetingAttendanceResponse> {
    const items = await this.rows.list(tx, id);
    return {
      items: items.map((r) => ({ ...r, checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null })),
      summary: attendanceSummary(items),
    };
  }
}
