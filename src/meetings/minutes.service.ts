import { Injectable } from '@nestjs/common';
import { EntityNotFoundError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { UserAccountsService } from '../auth/user-accounts.service.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { AddMinutesAddendumDto, WriteMinutesDto } from './dto/minutes.dto.js';
import { toMeetingTaskResponse } from './dto/meeting-task.response.js';
import type { MinutesAddendumResponse, MinutesAttendance, MinutesResponse, MyMinutesResponse } from './dto/minutes.response.js';
import type { Meeting } from './entities/meeting.entity.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingTasksRepository } from './meeting-tasks.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import { MINUTES_STATUSES } from './meetings.rules.js';
import { renderMinutesPdf } from './minutes-pdf.js';
import { MinutesRepository, type MinutesAttendee } from './minutes.repository.js';

/** Counts of the attendance by state, and the absent by name. */
export function summariseAttendance(rows: readonly MinutesAttendee[]): MinutesAttendance {
  const count = (pred: (r: MinutesAttendee) => boolean) => rows.filter(pred).length;
  return {
    total: rows.length,
    official: count((r) => r.official),
    probationary: count((r) => !r.official),
    present: count((r) => r.state === 'present' || r.state === 'late'),
    late: count((r) => r.state === 'late'),
    excused: count((r) => r.state === 'excused'),
    unexcused: count((r) => r.state === 'unexcused'),
    exempt: count((r) => r.state === 'exempt'),
    unmarked: count((r) => r.state === 'invited'),
    absentees: rows
      .filter((r) => r.state !== 'present' && r.state !== 'late')
      .map((r) => ({ memberId: r.memberId, fullName: r.fullName, state: r.state, hold: r.hold })),
  };
}

/**
 * The minutes (biên bản) of a held meeting: drafted with the attendance and the votes filled in,
 * the summary and conclusions typed by the secretary, locked once (held → minutes_locked), then
 * corrected only by dated addenda; printed as a PDF. Members read them once locked.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly tx: Transactions,
    private readonly meetings: MeetingRepository,
    private readonly minutes: MinutesRepository,
    private readonly tasks: MeetingTasksRepository,
    private readonly committees: CommitteesService,
    private readonly users: UserAccountsService,
    private readonly audit: AuditService,
  ) {}

  /** The minutes of a held or locked meeting in the caller's scope. */
  get(principal: Principal, id: string): Promise<MinutesResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id);
      if (!MINUTES_STATUSES.includes(meeting.status)) throw MeetingErrors.minutesNotAvailable();
      return this.assemble(tx, meeting);
    });
  }

  /** The minutes as a member reads them: only once locked (before that, 409 MEETING_MINUTES_NOT_LOCKED). */
  getForMember(principal: Principal, id: string): Promise<MyMinutesResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForMember(tx, principal, id);
      if (meeting.status !== 'minutes_locked') throw MeetingErrors.minutesNotLocked();
      // members get the record and the secretary's name, not the staff accounts' ids
      // nor the absentees' activity holds (a suspension is the staff's record)
      const { lockedBy: _lockedBy, addenda, attendance, ...minutes } = await this.assemble(tx, meeting);
      return {
        ...minutes,
        attendance: { ...attendance, absentees: attendance.absentees.map(({ hold: _hold, ...a }) => a) },
        addenda: addenda.map(({ createdBy: _createdBy, ...a }) => a),
      };
    });
  }

  /** Replaces the summary and conclusions of the draft (status held only). */
  write(principal: Principal, id: string, dto: WriteMinutesDto): Promise<MinutesResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id, true);
      this.refuseUnlessDraft(meeting);
      const summary = dto.summary.trim() || null;
      const conclusions = dto.conclusions.trim() || null;
      if (summary !== meeting.minutesSummary || conclusions !== meeting.minutesConclusions) {
        await this.minutes.writeText(tx, id, { minutesSummary: summary, minutesConclusions: conclusions });
        await this.audit.record(tx, principal, {
          action: 'meeting.minutes.write',
          entityType: 'meeting',
          entityId: id,
          committeeId: meeting.committeeId,
          details: { summaryLength: summary?.length ?? 0, conclusionsLength: conclusions?.length ?? 0 },
        });
        meeting.minutesSummary = summary;
        meeting.minutesConclusions = conclusions;
      }
      return this.assemble(tx, meeting);
    });
  }

  /** held → minutes_locked, once: needs the summary and the conclusions; a second lock is 409. */
  lock(principal: Principal, id: string): Promise<MinutesResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id, true);
      this.refuseUnlessDraft(meeting);
      const missing: Record<string, string> = {};
      if (!meeting.minutesSummary?.trim()) missing.summary = 'write the discussion summary before locking';
      if (!meeting.minutesConclusions?.trim()) missing.conclusions = 'write the conclusions before locking';
      if (Object.keys(missing).length) throw MeetingErrors.minutesIncomplete(missing);
      const at = new Date();
      await this.minutes.lock(tx, id, principal.id, at);
      await this.audit.record(tx, principal, {
        action: 'meeting.minutes.lock',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
      });
      Object.assign(meeting, { status: 'minutes_locked', minutesLockedAt: at, minutesLockedBy: principal.id });
      return this.assemble(tx, meeting);
    });
  }

  /** A dated correction to locked minutes (never edited afterwards). */
  addAddendum(principal: Principal, id: string, dto: AddMinutesAddendumDto): Promise<MinutesAddendumResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.findForStaff(tx, principal, id, true);
      if (meeting.status !== 'minutes_locked') {
        throw MINUTES_STATUSES.includes(meeting.status) ? MeetingErrors.minutesNotLocked() : MeetingErrors.minutesNotAvailable();
      }
      const saved = await this.minutes.insertAddendum(tx, { meetingId: id, body: dto.body.trim(), createdBy: principal.id });
      await this.audit.record(tx, principal, {
        action: 'meeting.minutes.addendum',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
        details: { addendumId: saved.id },
      });
      return { id: saved.id, body: saved.body, createdAt: saved.createdAt, createdBy: saved.createdBy };
    });
  }

  /** The minutes as a PDF in Vietnamese (held: marked DỰ THẢO, a draft; locked: the record). */
  async pdf(principal: Principal, id: string): Promise<{ minutes: MinutesResponse; pdf: Buffer }> {
    const minutes = await this.get(principal, id);
    return { minutes, pdf: await renderMinutesPdf(minutes) };
  }

  private refuseUnlessDraft(meeting: Meeting): void {
    if (meeting.status === 'minutes_locked') throw MeetingErrors.minutesLocked();
    if (meeting.status !== 'held') throw MeetingErrors.minutesNotAvailable();
  }

  private async assemble(tx: Tx, meeting: Meeting): Promise<MinutesResponse> {
    // one after the other: the statements share the transaction's connection
    const attendees = await this.minutes.attendance(tx, meeting.id);
    const agenda = await this.minutes.agenda(tx, meeting.id);
    const motions = await this.minutes.closedMotions(tx, meeting.id);
    const tasks = await this.tasks.forMeeting(tx, meeting.id);
    const addenda = await this.minutes.addenda(tx, meeting.id);
    const chain = await this.committees.chainTo(tx, meeting.committeeId);
    const committee = chain[chain.length - 1];
    const parent = chain.length > 1 ? chain[chain.length - 2] : null;
    const today = localDate();
    return {
      meetingId: meeting.id,
      committeeId: meeting.committeeId,
      committeeName: committee?.name ?? '',
      parentCommitteeName: parent?.name ?? null,
      kind: meeting.kind,
      status: meeting.status,
      title: meeting.title,
      month: meeting.month,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      heldAt: meeting.heldAt,
      place: meeting.place,
      onlineUrl: meeting.onlineUrl,
      attendance: summariseAttendance(attendees),
      agenda,
      votes: motions.map((m) => ({
        motionId: m.id,
        title: m.title,
        secret: m.secret,
        agreeCount: m.agreeCount,
        disagreeCount: m.disagreeCount,
        otherCount: m.otherCount,
        denominator: m.denominator,
        passed: m.passed,
        closedAt: m.closedAt,
      })),
      summary: meeting.minutesSummary,
      conclusions: meeting.minutesConclusions,
      tasks: tasks.map((t) => toMeetingTaskResponse(t, today)),
      addenda: addenda.map((a) => ({ id: a.id, body: a.body, createdAt: a.createdAt, createdBy: a.createdBy })),
      lockedAt: meeting.minutesLockedAt,
      lockedBy: meeting.minutesLockedBy,
      lockedByName: meeting.minutesLockedBy ? await this.userName(tx, meeting.minutesLockedBy) : null,
    };
  }

  private async userName(tx: Tx, userId: string): Promise<string | null> {
    try {
      return (await this.users.findWithCommittee(tx, userId)).fullName;
    } catch (e) {
      if (e instanceof EntityNotFoundError) return null;
      throw e;
    }
  }
}
