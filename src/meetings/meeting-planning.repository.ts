import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, type Repository } from 'typeorm';
import {
  enumFilter,
  idsFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import type { ActivityHold } from '../members/member.entity.js';
import { MeetingAgendaAttachment } from './entities/meeting-agenda-attachment.entity.js';
import { MeetingAgendaItem } from './entities/meeting-agenda-item.entity.js';
import { MeetingTemplate } from './entities/meeting-template.entity.js';
import { Meeting } from './entities/meeting.entity.js';
import { MEETING_KINDS, MEETING_STATUSES, monthStart } from './meetings.rules.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const MEETING_LIST: ListSpec = {
  sortable: {
    startsAt: 'meeting.startsAt',
    month: 'meeting.month',
    createdAt: 'meeting.createdAt',
    title: 'meeting.title',
    status: 'meeting.status',
  },
  defaultSort: ['startsAt', 'DESC'],
  tieBreaker: 'meeting.id',
  filters: {
    id: idsFilter('meeting.id', 'uuid'),
    q: searchFilter('meeting.title'),
    committeeId: subtreeFilter('meeting.committee_id'),
    status: enumFilter('meeting.status', MEETING_STATUSES),
    kind: enumFilter('meeting.kind', MEETING_KINDS),
    month: (qb, v, p) => {
      if (typeof v !== 'string' || !MONTH.test(v)) invalidListQuery('filter', 'month must be YYYY-MM');
      qb.andWhere(`meeting.month = :${p}`, { [p]: monthStart(v) });
    },
  },
};

export interface AgendaItemValues {
  id?: string;
  title: string;
  description: string | null;
  presenterMemberId: string | null;
  presenterName: string | null;
  documents: { id: string; title: string }[];
}

/**
 * The planning side of the meetings tables: meetings, their agenda and attachments, the invited
 * (meeting_attendance rows created when a meeting is scheduled) and the monthly templates.
 */
@Injectable()
export class MeetingPlanningRepository {
  constructor(@InjectRepository(Meeting) private readonly meetings: Repository<Meeting>) {}

  list(principal: Principal, query: AdminListQuery): Promise<ListPage<Meeting>> {
    const qb = this.meetings.createQueryBuilder('meeting').leftJoinAndSelect('meeting.committee', 'committee');
    return runListQuery(scopeByCommittee(qb, principal, 'meeting.committee_id'), MEETING_LIST, query);
  }

  insert(tx: Tx, values: Partial<Meeting>): Promise<Meeting> {
    return tx.save(tx.create(Meeting, values));
  }

  async update(tx: Tx, id: string, changes: Partial<Meeting>): Promise<void> {
    if (Object.keys(changes).length) await tx.update(Meeting, { id }, changes);
  }

  /** Deletes the meeting; its agenda, attachments and invitations go with it (ON DELETE CASCADE). */
  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Meeting, { id });
  }

  /** Whether the committee has a regular meeting of the month that is not cancelled (other than `exceptId`). */
  async regularExists(tx: Tx, committeeId: number, month: string, exceptId?: string): Promise<boolean> {
    const n = await tx.getRepository(Meeting).count({
      where: {
        committeeId,
        month: monthStart(month),
        kind: 'regular',
        status: Not('cancelled'),
        ...(exceptId ? { id: Not(exceptId) } : {}),
      },
    });
    return n > 0;
  }

  // ---- agenda ----

  agendaOf(tx: Tx, meetingId: string): Promise<MeetingAgendaItem[]> {
    return tx.getRepository(MeetingAgendaItem).find({ where: { meetingId }, order: { position: 'ASC' } });
  }

  async attachmentsOf(tx: Tx, itemIds: string[]): Promise<MeetingAgendaAttachment[]> {
    if (!itemIds.length) return [];
    return tx
      .getRepository(MeetingAgendaAttachment)
      .createQueryBuilder('a')
      .where('a.agenda_item_id IN (:...itemIds)', { itemIds })
      .orderBy('a.document_id IS NULL', 'ASC')
      .addOrderBy('a.title', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /** Members' comments on these agenda items (the comments' own table; counted so that an item commented on is not removed). */
  async commentsOn(tx: Tx, itemIds: string[]): Promise<number> {
    if (!itemIds.length) return 0;
    const [{ n }]: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM meeting_comments WHERE agenda_item_id = ANY($1::uuid[])`,
      [itemIds],
    );
    return n;
  }

  /** The uploaded files attached to these items (to release once the items are gone). */
  async storedFilesOf(tx: Tx, itemIds: string[]): Promise<string[]> {
    if (!itemIds.length) return [];
    const rows: { id: string }[] = await tx.query(
      `SELECT DISTINCT stored_file_id AS id FROM meeting_agenda_attachments WHERE agenda_item_id = ANY($1::uuid[]) AND stored_file_id IS NOT NULL`,
      [itemIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Makes the agenda exactly `items`, in order: items with an id are kept (their uploads too) and
   * updated, the others are new; items not listed are deleted. Each item's library attachments
   * become its `documents`.
   */
  async replaceAgenda(tx: Tx, meetingId: string, items: AgendaItemValues[], removeIds: string[]): Promise<void> {
    const itemRepo = tx.getRepository(MeetingAgendaItem);
    const attachments = tx.getRepository(MeetingAgendaAttachment);
    if (removeIds.length) await itemRepo.delete({ id: In(removeIds) });
    // positions are not unique: rewriting them in place needs no two-step dance
    for (const [i, item] of items.entries()) {
      const values = {
        meetingId,
        position: i + 1,
        title: item.title,
        description: item.description,
        presenterMemberId: item.presenterMemberId,
        presenterName: item.presenterName,
      };
      let itemId = item.id;
      if (itemId) {
        await itemRepo.update({ id: itemId }, values);
        await attachments.delete({ agendaItemId: itemId, documentId: Not(IsNull()) });
      } else {
        itemId = (await itemRepo.save(itemRepo.create(values))).id;
      }
      if (item.documents.length) {
        await attachments.insert(
          item.documents.map((d) => ({ agendaItemId: itemId, documentId: d.id, storedFileId: null, title: d.title })),
        );
      }
    }
  }

  insertAttachment(tx: Tx, values: Partial<MeetingAgendaAttachment>): Promise<MeetingAgendaAttachment> {
    return tx.save(tx.create(MeetingAgendaAttachment, values));
  }

  /** An attachment of one of the meeting's agenda items, or null. */
  attachmentOf(tx: Tx, meetingId: string, attachmentId: string): Promise<MeetingAgendaAttachment | null> {
    return tx
      .getRepository(MeetingAgendaAttachment)
      .createQueryBuilder('a')
      .innerJoin('a.agendaItem', 'item')
      .where('a.id = :attachmentId', { attachmentId })
      .andWhere('item.meeting_id = :meetingId', { meetingId })
      .getOne();
  }

  // ---- invitations and counts ----

  /**
   * Invites the members not invited yet (existing rows stay as they are), with their standing,
   * exemption and activity hold of the day; answers how many were added.
   */
  async invite(
    tx: Tx,
    meetingId: string,
    members: { id: string; official: boolean; exempt: boolean; hold: ActivityHold | null }[],
  ): Promise<number> {
    if (!members.length) return 0;
    const rows: unknown[] = await tx.query(
      `INSERT INTO meeting_attendance (meeting_id, member_id, official, exempt, hold)
       SELECT $1, m.id, m.official, m.exempt, m.hold
         FROM jsonb_to_recordset($2::jsonb) AS m(id uuid, official boolean, exempt boolean, hold varchar)
       ON CONFLICT (meeting_id, member_id) DO NOTHING
       RETURNING member_id`,
      [meetingId, JSON.stringify(members)],
    );
    return rows.length;
  }

  /** The meeting's figures: invited, checked in, excused, pending excuse requests, comments. */
  async counts(
    tx: Tx,
    meetingId: string,
  ): Promise<{ invited: number; present: number; excused: number; pendingExcuses: number; comments: number }> {
    const [row]: { invited: number; present: number; excused: number; pending_excuses: number; comments: number }[] = await tx.query(
      `SELECT (SELECT count(*)::int FROM meeting_attendance WHERE meeting_id = $1) AS invited,
              (SELECT count(*)::int FROM meeting_attendance WHERE meeting_id = $1 AND state IN ('present', 'late')) AS present,
              (SELECT count(*)::int FROM meeting_attendance WHERE meeting_id = $1 AND state = 'excused') AS excused,
              (SELECT count(*)::int FROM meeting_excuses WHERE meeting_id = $1 AND status = 'pending') AS pending_excuses,
              (SELECT count(*)::int FROM meeting_comments WHERE meeting_id = $1) AS comments`,
      [meetingId],
    );
    return {
      invited: row.invited,
      present: row.present,
      excused: row.excused,
      pendingExcuses: row.pending_excuses,
      comments: row.comments,
    };
  }

  // ---- templates ----

  templateOf(tx: Tx, committeeId: number): Promise<MeetingTemplate | null> {
    return tx.getRepository(MeetingTemplate).findOneBy({ committeeId });
  }

  /** Creates or replaces the committee's template (callers hold the committee's row lock). */
  async saveTemplate(tx: Tx, values: Omit<MeetingTemplate, 'updatedAt' | 'committee'>): Promise<MeetingTemplate> {
    await tx.save(tx.create(MeetingTemplate, values));
    return tx.getRepository(MeetingTemplate).findOneByOrFail({ committeeId: values.committeeId });
  }
}
