import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CursorPosition } from '../common/cursor.js';
import { APP_TIME_ZONE } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { isUuid } from '../common/id-param.pipe.js';
import { MeetingAgendaAttachment } from './entities/meeting-agenda-attachment.entity.js';
import { MeetingAgendaItem } from './entities/meeting-agenda-item.entity.js';
import { MeetingAttendance } from './entities/meeting-attendance.entity.js';
import { MeetingComment } from './entities/meeting-comment.entity.js';
import { MeetingExcuse } from './entities/meeting-excuse.entity.js';
import { Meeting } from './entities/meeting.entity.js';
import { whereMemberMaySee } from './meeting.repository.js';
import { UPCOMING_STATUSES, type AttendanceState, type MeetingKind, type MeetingStatus } from './meetings.rules.js';

/** A meeting in the member's list, with the member's own attendance state. */
export interface MemberMeetingRow {
  id: string;
  committeeId: number;
  kind: MeetingKind;
  month: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  place: string | null;
  onlineUrl: string | null;
  status: MeetingStatus;
  statusReason: string | null;
  myState: AttendanceState | null;
  /** The list's sort key: the start, or the month's first day (Vietnam time) while no start is set; milliseconds. */
  sortAt: Date;
}

export type MeetingSegment = 'upcoming' | 'past';

const asDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

/**
 * Before the meeting: the member's list of meetings, the agenda and its attachments as members
 * read them, excuses (xin vắng) and comments (góp ý). The meeting itself is found through
 * MeetingRepository's two doors first; everything here is keyed by a meeting already in reach.
 */
@Injectable()
export class BeforeMeetingRepository {
  /**
   * One segment of the member's meetings, after `after` (exclusive), `limit + 1` rows. Upcoming
   * (scheduled, postponed, in progress) soonest first; past (held, minutes locked, cancelled) most
   * recent first. Ties on the time are broken by id in the same direction.
   */
  async memberPage(
    m: EntityManager,
    principal: Principal,
    segment: MeetingSegment,
    after: CursorPosition | null,
    limit: number,
  ): Promise<MemberMeetingRow[]> {
    const sortAt = `date_trunc('milliseconds', COALESCE(meeting.starts_at, CAST(meeting.month AS timestamp) AT TIME ZONE :zone))`;
    const upcoming = segment === 'upcoming';
    const qb = m
      .getRepository(Meeting)
      .createQueryBuilder('meeting')
      .select('meeting.id', 'id')
      .addSelect('meeting.committee_id', 'committee_id')
      .addSelect('meeting.kind', 'kind')
      .addSelect(`to_char(meeting.month, 'YYYY-MM')`, 'month')
      .addSelect('meeting.title', 'title')
      .addSelect('meeting.starts_at', 'starts_at')
      .addSelect('meeting.ends_at', 'ends_at')
      .addSelect('meeting.place', 'place')
      .addSelect('meeting.online_url', 'online_url')
      .addSelect('meeting.status', 'status')
      .addSelect('meeting.status_reason', 'status_reason')
      .addSelect('mine.state', 'my_state')
      .addSelect(sortAt, 'sort_at')
      .leftJoin(MeetingAttendance, 'mine', 'mine.meeting_id = meeting.id AND mine.member_id = :me', { me: principal.memberId })
      .where(`meeting.status ${upcoming ? 'IN' : 'NOT IN'} (:...upcomingStatuses)`, { upcomingStatuses: UPCOMING_STATUSES })
      .setParameter('zone', APP_TIME_ZONE);
    whereMemberMaySee(qb, 'meeting', principal);
    if (after) {
      qb.andWhere(`(${sortAt}, meeting.id) ${upcoming ? '>' : '<'} (CAST(:afterAt AS timestamptz), :afterId)`, {
        afterAt: after.publishedAt.toISOString(),
        afterId: after.id,
      });
    }
    const direction = upcoming ? 'ASC' : 'DESC';
    const rows: Record<string, unknown>[] = await qb
      .orderBy('sort_at', direction)
      .addOrderBy('meeting.id', direction)
      .limit(limit + 1)
      .getRawMany();
    return rows.map((r) => ({
      id: r.id as string,
      committeeId: Number(r.committee_id),
      kind: r.kind as MeetingKind,
      month: r.month as string,
      title: r.title as string,
      startsAt: asDate(r.starts_at as Date | null),
      endsAt: asDate(r.ends_at as Date | null),
      place: r.place as string | null,
      onlineUrl: r.online_url as string | null,
      status: r.status as MeetingStatus,
      statusReason: r.status_reason as string | null,
      myState: (r.my_state as AttendanceState | null) ?? null,
      sortAt: asDate(r.sort_at as Date)!,
    }));
  }

  /** The agenda in order. */
  agenda(m: EntityManager, meetingId: string): Promise<MeetingAgendaItem[]> {
    return m.getRepository(MeetingAgendaItem).find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /** The attachments of these agenda items, in the order they were attached (by title, then id). */
  async attachments(m: EntityManager, agendaItemIds: string[]): Promise<MeetingAgendaAttachment[]> {
    if (agendaItemIds.length === 0) return [];
    return m
      .getRepository(MeetingAgendaAttachment)
      .createQueryBuilder('att')
      .where('att.agenda_item_id IN (:...ids)', { ids: agendaItemIds })
      .orderBy('att.title', 'ASC')
      .addOrderBy('att.id', 'ASC')
      .getMany();
  }

  /** An attachment of one of the meeting's agenda items, or null. */
  async attachment(m: EntityManager, meetingId: string, attachmentId: string): Promise<MeetingAgendaAttachment | null> {
    if (!isUuid(attachmentId)) return null;
    return m
      .getRepository(MeetingAgendaAttachment)
      .createQueryBuilder('att')
      .innerJoin(MeetingAgendaItem, 'item', 'item.id = att.agenda_item_id')
      .where('att.id = :attachmentId AND item.meeting_id = :meetingId', { attachmentId, meetingId })
      .getOne();
  }

  async agendaItemOf(m: EntityManager, meetingId: string, agendaItemId: string): Promise<MeetingAgendaItem | null> {
    if (!isUuid(agendaItemId)) return null;
    return m.getRepository(MeetingAgendaItem).findOne({ where: { id: agendaItemId, meetingId } });
  }

  // ---- attendance ----

  async attendance(m: EntityManager, meetingId: string, memberId: string, lock = false): Promise<MeetingAttendance | null> {
    const qb = m
      .getRepository(MeetingAttendance)
      .createQueryBuilder('a')
      .where('a.meeting_id = :meetingId AND a.member_id = :memberId', { meetingId, memberId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async setAttendanceState(m: EntityManager, meetingId: string, memberId: string, state: AttendanceState): Promise<void> {
    await m.getRepository(MeetingAttendance).update({ meetingId, memberId }, { state });
  }

  // ---- excuses ----

  async excuseOf(m: EntityManager, meetingId: string, memberId: string, lock = false): Promise<MeetingExcuse | null> {
    const qb = m
      .getRepository(MeetingExcuse)
      .createQueryBuilder('e')
      .where('e.meeting_id = :meetingId AND e.member_id = :memberId', { meetingId, memberId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async excuseById(m: EntityManager, meetingId: string, excuseId: string, lock = false): Promise<MeetingExcuse | null> {
    if (!isUuid(excuseId)) return null;
    const qb = m.getRepository(MeetingExcuse).createQueryBuilder('e').where('e.id = :excuseId AND e.meeting_id = :meetingId', {
      excuseId,
      meetingId,
    });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * Stores the member's excuse, or the new reason of their pending one. Two requests at once both
   * land on the unique (meeting, member) key: the second one updates the reason of the first
   * unless it was decided meanwhile. Answers the row, or null when a decided excuse is in the way.
   */
  async upsertPendingExcuse(m: EntityManager, meetingId: string, memberId: string, reason: string): Promise<MeetingExcuse | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO meeting_excuses (meeting_id, member_id, reason) VALUES ($1, $2, $3)
           ON CONFLICT (meeting_id, member_id) DO UPDATE SET reason = EXCLUDED.reason
                 WHERE meeting_excuses.status = 'pending'
         RETURNING id`,
      [meetingId, memberId, reason],
    );
    if (rows.length === 0) return null;
    return m.getRepository(MeetingExcuse).findOneByOrFail({ id: rows[0].id });
  }

  excuses(m: EntityManager, meetingId: string): Promise<MeetingExcuse[]> {
    return m.getRepository(MeetingExcuse).find({ where: { meetingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async decideExcuse(m: EntityManager, excuse: MeetingExcuse): Promise<void> {
    await m
      .getRepository(MeetingExcuse)
      .update(
        { id: excuse.id },
        { status: excuse.status, decidedBy: excuse.decidedBy, decidedAt: excuse.decidedAt, decisionNote: excuse.decisionNote },
      );
  }

  // ---- comments ----

  /** The member's comment with exactly this text on this item, if any (a retried post). */
  sameComment(
    m: EntityManager,
    values: { meetingId: string; agendaItemId: string; memberId: string; body: string },
  ): Promise<MeetingComment | null> {
    return m.getRepository(MeetingComment).findOne({ where: values, order: { createdAt: 'ASC' } });
  }

  insertComment(
    m: EntityManager,
    values: { meetingId: string; agendaItemId: string; memberId: string; body: string },
  ): Promise<MeetingComment> {
    return m.getRepository(MeetingComment).save(m.getRepository(MeetingComment).create(values));
  }

  /**
   * The meeting's comments, oldest first. `visibleTo` (a member id): hidden comments are left out
   * except that member's own.
   */
  comments(m: EntityManager, meetingId: string, visibleTo?: string): Promise<MeetingComment[]> {
    const qb = m.getRepository(MeetingComment).createQueryBuilder('c').where('c.meeting_id = :meetingId', { meetingId });
    if (visibleTo) qb.andWhere('(c.hidden_at IS NULL OR c.member_id = :visibleTo)', { visibleTo });
    return qb.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').getMany();
  }

  async commentById(m: EntityManager, meetingId: string, commentId: string, lock = false): Promise<MeetingComment | null> {
    if (!isUuid(commentId)) return null;
    const qb = m.getRepository(MeetingComment).createQueryBuilder('c').where('c.id = :commentId AND c.meeting_id = :meetingId', {
      commentId,
      meetingId,
    });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async hideComment(m: EntityManager, comment: MeetingComment): Promise<void> {
    await m
      .getRepository(MeetingComment)
      .update({ id: comment.id }, { hiddenAt: comment.hiddenAt, hiddenBy: comment.hiddenBy, hiddenReason: comment.hiddenReason });
  }
}
