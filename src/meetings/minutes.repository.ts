import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { MeetingAgendaItem } from './entities/meeting-agenda-item.entity.js';
import { MeetingAttendance } from './entities/meeting-attendance.entity.js';
import { MeetingMinutesAddendum } from './entities/meeting-minutes-addendum.entity.js';
import { MeetingMotion } from './entities/meeting-motion.entity.js';
import { Meeting } from './entities/meeting.entity.js';
import type { ActivityHold } from '../members/member.entity.js';
import type { AttendanceState } from './meetings.rules.js';

/** One invited member as the minutes record them (the name read from the member register). */
export interface MinutesAttendee {
  memberId: string;
  fullName: string;
  official: boolean;
  exempt: boolean;
  hold: ActivityHold | null;
  state: AttendanceState;
}

/** One agenda item as the minutes record it. */
export interface MinutesAgendaItem {
  position: number;
  title: string;
  description: string | null;
  presenter: string | null;
}

/**
 * What the minutes (biên bản) read and write: the meeting's text fields and lock, the attendance
 * with the members' names, the agenda, the closed motions' results, and the addenda. Reads of
 * `members` (names) join the register, which the members module owns; nothing is written there.
 */
@Injectable()
export class MinutesRepository {
  /** Every invited member with their name and state, by name. */
  async attendance(tx: Tx, meetingId: string): Promise<MinutesAttendee[]> {
    const rows = await tx
      .getRepository(MeetingAttendance)
      .createQueryBuilder('a')
      .innerJoin('a.member', 'mem')
      .select([
        'a.memberId AS "memberId"',
        'mem.fullName AS "fullName"',
        'a.official AS "official"',
        'a.exempt AS "exempt"',
        'a.hold AS "hold"',
      ])
      .addSelect('a.state', 'state')
      .where('a.meeting_id = :meetingId', { meetingId })
      .orderBy('mem.fullName', 'ASC')
      .addOrderBy('a.memberId', 'ASC')
      .getRawMany<MinutesAttendee>();
    return rows;
  }

  /** The agenda in order, each with its presenter's name (a member's, or the name typed in). */
  async agenda(tx: Tx, meetingId: string): Promise<MinutesAgendaItem[]> {
    const items = await tx
      .getRepository(MeetingAgendaItem)
      .createQueryBuilder('i')
      .leftJoin('i.presenterMember', 'p')
      .addSelect('p.fullName')
      .where('i.meeting_id = :meetingId', { meetingId })
      .orderBy('i.position', 'ASC')
      .getMany();
    return items.map((i) => ({
      position: i.position,
      title: i.title,
      description: i.description,
      presenter: i.presenterMember?.fullName ?? i.presenterName ?? null,
    }));
  }

  /** The closed motions in the order they were put: counts, denominator and outcome only (no voter). */
  closedMotions(tx: Tx, meetingId: string): Promise<MeetingMotion[]> {
    return tx
      .getRepository(MeetingMotion)
      .createQueryBuilder('mo')
      .where('mo.meeting_id = :meetingId', { meetingId })
      .andWhere(`mo.status = 'closed'`)
      .orderBy('mo.position', 'ASC')
      .addOrderBy('mo.id', 'ASC')
      .getMany();
  }

  /** The addenda, oldest first. */
  addenda(tx: Tx, meetingId: string): Promise<MeetingMinutesAddendum[]> {
    return tx.getRepository(MeetingMinutesAddendum).find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  insertAddendum(tx: Tx, values: Pick<MeetingMinutesAddendum, 'meetingId' | 'body' | 'createdBy'>): Promise<MeetingMinutesAddendum> {
    return tx.save(tx.create(MeetingMinutesAddendum, values));
  }

  async writeText(tx: Tx, meetingId: string, values: Pick<Meeting, 'minutesSummary' | 'minutesConclusions'>): Promise<void> {
    await tx.update(Meeting, { id: meetingId }, values);
  }

  /** held → minutes_locked, with who and when. The caller holds the meeting's row lock. */
  async lock(tx: Tx, meetingId: string, by: string, at: Date): Promise<void> {
    await tx.update(Meeting, { id: meetingId }, { status: 'minutes_locked', minutesLockedAt: at, minutesLockedBy: by });
  }
}
