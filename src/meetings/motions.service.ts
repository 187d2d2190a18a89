import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/errors.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { AppConfig } from '../config/app-config.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { AttendanceRepository } from './attendance.repository.js';
import type { CreateMotionDto, MotionResponse, NamedVote, MyMotionResponse, VoteDto, VoteResult } from './dto/motions.dto.js';
import type { MeetingMotion } from './entities/meeting-motion.entity.js';
import type { Meeting } from './entities/meeting.entity.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import { countedMembers, decisionDenominator, isCheckedIn, mayTakePart, motionCountsShown, passes } from './meetings.rules.js';
import { MotionsRepository } from './motions.repository.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { notifyVoteOpened } from './meeting-notifications.js';

/**
 * Votes (issue 16 item 4): the secretary opens motions during an in-progress meeting and closes
 * them; full members who checked in vote once each. Secret ballots are unlinkable by construction
 * (motions.repository.ts); their counts show once the motion is closed and at least k ballots were
 * cast, k being the anonymous surveys' SURVEY_ANONYMITY_K. No audit line is written for a vote.
 */
@Injectable()
export class MotionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly motions: MotionsRepository,
    private readonly attendance: AttendanceRepository,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
  ) {}

  async list(principal: Principal, meetingId: string): Promise<MotionResponse[]> {
    await this.meetings.findForStaff(this.tx.none, principal, meetingId);
    return this.describe(this.tx.none, await this.motions.list(this.tx.none, meetingId), 'staff');
  }

  async open(principal: Principal, meetingId: string, dto: CreateMotionDto): Promise<MotionResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, meetingId, true);
      if (meeting.status !== 'in_progress') throw MeetingErrors.notInProgress(meeting.status);
      const title = dto.title.trim();
      if (!title) throw ApiError.validation({ title: 'title must not be empty' });
      const motion = await this.motions.insert(tx, meetingId, title, dto.secret);
      await this.audit.record(tx, principal, {
        action: 'meeting.motion.open',
        entityType: 'meeting',
        entityId: meetingId,
        committeeId: meeting.committeeId,
        details: { motionId: motion.id, title, secret: dto.secret },
      });
      await notifyVoteOpened(this.notifications, tx, principal, meeting, { id: motion.id, title, secret: dto.secret });
      return (await this.describe(tx, [motion], 'staff'))[0];
    });
  }

  async close(principal: Principal, meetingId: string, motionId: string): Promise<MotionResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, meetingId, true);
      const motion = isUuid(motionId) ? await this.motions.find(tx, meetingId, motionId, true) : null;
      if (!motion) throw MeetingErrors.motionNotFound();
      if (motion.status === 'closed') throw MeetingErrors.motionClosed();
      await this.closeOne(tx, principal, meeting, motion);
      return (await this.describe(tx, [(await this.motions.find(tx, meetingId, motionId))!], 'staff'))[0];
    });
  }

  /** Closes every open motion of a meeting (the meeting is closing), in the caller's transaction. */
  async closeAllOpen(tx: Tx, principal: Principal, meeting: Meeting): Promise<void> {
    for (const motion of await this.motions.openMotions(tx, meeting.id)) await this.closeOne(tx, principal, meeting, motion);
  }

  /** The motions of a meeting the member may see: results once closed (and, secret, with at least k ballots). */
  async listMine(principal: Principal, meetingId: string): Promise<MyMotionResponse[]> {
    const tx = this.tx.none;
    await this.meetings.findForMember(tx, principal, meetingId);
    const motions = await this.motions.list(tx, meetingId);
    const voted = await this.motions.votedBy(
      tx,
      principal.memberId!,
      motions.map((m) => m.id),
    );
    const described = await this.describe(tx, motions, 'member');
    return described.map((d) => ({ ...d, hasVoted: voted.has(d.id) }));
  }

  /**
   * A member's vote, all or nothing. The motion row is locked, so a close waits for the votes in
   * flight (and a vote after the close sees it closed). Refusals store nothing.
   */
  async vote(principal: Principal, meetingId: string, motionId: string, dto: VoteDto): Promise<VoteResult> {
    const memberId = principal.memberId;
    if (!memberId) throw MeetingErrors.notFound();
    const otherText = dto.otherText?.trim() ?? '';
    if (dto.choice === 'other' && !otherText) throw ApiError.validation({ otherText: 'otherText is required with the choice other' });
    if (dto.choice !== 'other' && dto.otherText !== undefined)
      throw ApiError.validation({ otherText: 'otherText goes only with the choice other' });
    return this.tx.run(async (tx) => {
      await this.meetings.findForMember(tx, principal, meetingId);
      const motion = isUuid(motionId) ? await this.motions.find(tx, meetingId, motionId, true) : null;
      if (!motion) throw MeetingErrors.motionNotFound();
      const row = await this.attendance.find(tx, meetingId, memberId);
      // a suspended member has no Party activity rights (meetings.rules.ts mayTakePart)
      if (!row || !row.official || !mayTakePart(row)) throw MeetingErrors.voteNotEligible();
      if (!isCheckedIn(row.state)) throw MeetingErrors.voteNotCheckedIn();
      if (motion.status !== 'open') throw MeetingErrors.motionClosed();
      const text = dto.choice === 'other' ? otherText : null;
      const counted = motion.secret
        ? await this.motions.insertSecretBallot(tx, motion.id, memberId, dto.choice, text)
        : await this.motions.insertNamedVote(tx, motion.id, memberId, dto.choice, text);
      if (!counted) throw MeetingErrors.alreadyVoted();
      return { motionId: motion.id, counted: true };
    });
  }

  private async closeOne(tx: Tx, principal: Principal, meeting: Meeting, motion: MeetingMotion): Promise<void> {
    const rows = await this.attendance.rows(tx, meeting.id);
    const denominator = decisionDenominator(countedMembers(rows, await this.attendance.acceptedExcuses(tx, meeting.id)));
    const passed = passes(motion.agreeCount, denominator);
    await this.motions.close(tx, motion.id, denominator, passed);
    await this.audit.record(tx, principal, {
      action: 'meeting.motion.close',
      entityType: 'meeting',
      entityId: meeting.id,
      committeeId: meeting.committeeId,
      // the totals only, and for a secret motion only when they may be shown
      details: { motionId: motion.id, denominator, passed },
    });
  }

  private async describe(tx: Tx, motions: MeetingMotion[], audience: 'staff' | 'member'): Promise<MotionResponse[]> {
    const ids = motions.map((m) => m.id);
    const k = this.config.SURVEY_ANONYMITY_K;
    const voted = await this.motions.votedCounts(tx, ids);
    const opinions = await this.motions.otherOpinions(tx, ids);
    const named =
      audience === 'staff'
        ? await this.motions.namedVotes(
            tx,
            motions.filter((m) => !m.secret).map((m) => m.id),
          )
        : new Map<string, NamedVote[]>();
    return motions.map((m) => {
      const ballots = m.agreeCount + m.disagreeCount + m.otherCount;
      let withheld: MotionResponse['resultsWithheld'] = null;
      if (audience === 'member' && m.status !== 'closed') withheld = m.secret ? 'secret_open' : 'not_closed';
      else if (!motionCountsShown(m, ballots, k)) withheld = m.status === 'closed' ? 'below_threshold' : 'secret_open';
      const shown = withheld === null;
      return {
        id: m.id,
        position: m.position,
        title: m.title,
        secret: m.secret,
        status: m.status,
        openedAt: new Date(m.openedAt).toISOString(),
        closedAt: m.closedAt ? new Date(m.closedAt).toISOString() : null,
        agreeCount: shown ? m.agreeCount : null,
        disagreeCount: shown ? m.disagreeCount : null,
        otherCount: shown ? m.otherCount : null,
        otherOpinions: shown ? (opinions.get(m.id) ?? []) : null,
        denominator: m.denominator,
        passed: m.passed,
        votedCount: voted.get(m.id) ?? 0,
        resultsWithheld: withheld,
        anonymityThreshold: m.secret ? k : null,
        ...(audience === 'staff' ? { votes: m.secret ? null : (named.get(m.id) ?? []) } : {}),
      };
    });
  }
}
