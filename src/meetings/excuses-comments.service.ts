import { Injectable } from '@nestjs/common';
import { NotificationsService } from '../notifications/notifications.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import { Transactions } from '../database/transactions.js';
import { MemberRosterService } from '../members/member-roster.service.js';
import { BeforeMeetingRepository } from './before-meeting.repository.js';
import type { ExcuseDecisionDto, HideCommentDto } from './dto/before-meeting.dto.js';
import {
  toExcuseResponse,
  toStaffCommentResponse,
  type StaffCommentResponse,
  type StaffExcuseResponse,
} from './dto/before-meeting.response.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import { EXCUSE_DECIDABLE_STATUSES, attendanceAfterExcuse } from './meetings.rules.js';

/**
 * Before the meeting, the secretary's side: the members' excuse requests and their decision (which
 * sets the member's attendance), the members' comments and hiding one with a reason (kept in the
 * audit log). Every route finds the meeting through MeetingRepository.findForStaff.
 */
@Injectable()
export class ExcusesCommentsService {
  constructor(
    private readonly tx: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly rows: BeforeMeetingRepository,
    private readonly roster: MemberRosterService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async excuses(principal: Principal, id: string): Promise<StaffExcuseResponse[]> {
    const m = this.tx.none;
    const meeting = await this.meetings.findForStaff(m, principal, id);
    const excuses = await this.rows.excuses(m, meeting.id);
    const names = await this.roster.fullNames(
      m,
      excuses.map((e) => e.memberId),
    );
    return excuses.map((e) => ({ ...toExcuseResponse(e), fullName: names.get(e.memberId) ?? null }));
  }

  /**
   * Accepts or declines a pending excuse. Accepted: the member's attendance becomes `excused`
   * (unless they checked in); declined: back to `invited` (or `unexcused` once the meeting is
   * held). A decided excuse is not decided again (409); locked minutes are final (409).
   */
  async decide(principal: Principal, id: string, excuseId: string, dto: ExcuseDecisionDto): Promise<StaffExcuseResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id, true);
      const excuse = await this.rows.excuseById(tx, meeting.id, excuseId, true);
      if (!excuse) throw MeetingErrors.excuseNotFound();
      if (meeting.status === 'minutes_locked') throw MeetingErrors.minutesLocked();
      if (!EXCUSE_DECIDABLE_STATUSES.includes(meeting.status)) throw MeetingErrors.excuseClosed();
      if (excuse.status !== 'pending') throw MeetingErrors.excuseDecided();
      excuse.status = dto.accepted ? 'accepted' : 'declined';
      excuse.decidedBy = principal.id;
      excuse.decidedAt = new Date();
      excuse.decisionNote = dto.note || null;
      await this.rows.decideExcuse(tx, excuse);
      const attendance = await this.rows.attendance(tx, meeting.id, excuse.memberId, true);
      let attendanceState = attendance?.state ?? null;
      if (attendance) {
        attendanceState = attendanceAfterExcuse(attendance.state, dto.accepted, meeting.status, attendance.hold);
        if (attendanceState !== attendance.state) await this.rows.setAttendanceState(tx, meeting.id, excuse.memberId, attendanceState);
      }
      await this.audit.record(tx, principal, {
        action: dto.accepted ? 'meeting.excuse.accept' : 'meeting.excuse.decline',
        entityType: 'meeting',
        entityId: meeting.id,
        committeeId: meeting.committeeId,
        details: { excuseId: excuse.id, memberId: excuse.memberId, note: excuse.decisionNote, attendanceState },
      });
      await this.notifications.publish(
        {
          kind: 'excuse_decided',
          title: dto.accepted
            ? `Đơn xin vắng đã được chấp thuận: ${meeting.title}`
            : `Đơn xin vắng không được chấp thuận: ${meeting.title}`,
          body: excuse.decisionNote ?? '',
          link: { type: 'meeting', id: meeting.id },
          audience: { memberId: excuse.memberId },
          createdBy: principal.id,
        },
        tx,
      );
      const names = await this.roster.fullNames(tx, [excuse.memberId]);
      return { ...toExcuseResponse(excuse), fullName: names.get(excuse.memberId) ?? null };
    });
  }

  /** Every comment of the meeting, hidden ones with when and why. */
  async comments(principal: Principal, id: string): Promise<StaffCommentResponse[]> {
    const m = this.tx.none;
    const meeting = await this.meetings.findForStaff(m, principal, id);
    const comments = await this.rows.comments(m, meeting.id);
    const names = await this.roster.fullNames(
      m,
      comments.map((c) => c.memberId),
    );
    return comments.map((c) => toStaffCommentResponse(c, names));
  }

  /**
   * Hides a comment from the other members, with the reason, which the audit log keeps (with the
   * words hidden). Hiding a hidden comment again changes nothing and answers it as it is.
   */
  async hide(principal: Principal, id: string, commentId: string, dto: HideCommentDto): Promise<StaffCommentResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id);
      const comment = await this.rows.commentById(tx, meeting.id, commentId, true);
      if (!comment) throw MeetingErrors.commentNotFound();
      if (comment.hiddenAt === null) {
        comment.hiddenAt = new Date();
        comment.hiddenBy = principal.id;
        comment.hiddenReason = dto.reason;
        await this.rows.hideComment(tx, comment);
        await this.audit.record(tx, principal, {
          action: 'meeting.comment.hide',
          entityType: 'meeting',
          entityId: meeting.id,
          committeeId: meeting.committeeId,
          details: {
            commentId: comment.id,
            memberId: comment.memberId,
            agendaItemId: comment.agendaItemId,
            reason: dto.reason,
            body: comment.body,
          },
        });
      }
      const names = await this.roster.fullNames(tx, [comment.memberId]);
      return toStaffCommentResponse(comment, names);
    });
  }
}
