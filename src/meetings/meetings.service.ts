import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import { invalidListQuery, isInt4, type AdminListQuery, type ListPage } from '../common/admin-list.js';
import { localDate } from '../common/dates.js';
import { ApiError } from '../common/errors.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { holdsMembers } from '../committees/committees.rules.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { DocumentResponse } from '../documents/dto/document.response.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { DownloadableFile } from '../documents/file-response.js';
import type { SpooledUpload } from '../documents/storage/upload-spool.js';
import { MembersService } from '../members/members.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { notifyMeetingMembers } from './meeting-notifications.js';
import type { AgendaItemDto, CreateMeetingDto, UpdateMeetingDto } from './dto/meeting.dto.js';
import {
  toAttachmentResponse,
  toMeetingResponse,
  toMeetingSummary,
  type MeetingAttachmentResponse,
  type MeetingResponse,
  type MeetingSummaryResponse,
} from './dto/meeting.response.js';
import type { Meeting } from './entities/meeting.entity.js';
import { MeetingGuidanceRepository } from './meeting-guidance.repository.js';
import { MeetingPlanningRepository, type AgendaItemValues } from './meeting-planning.repository.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import {
  canMoveTo,
  DEFAULT_DEADLINE_DAY,
  DEFAULT_DURATION_MINUTES,
  EDITABLE_STATUSES,
  isLate,
  monthStart,
  schedulingDeadline,
  type MeetingKind,
} from './meetings.rules.js';

/** The ids of a committee's chain, root first (its ltree path holds them). */
export const chainOf = (committee: Committee): number[] => committee.path.split('.').map(Number);

/** What a new meeting is made of, once checked (by the staff routes or the template's draft). */
export interface NewMeeting {
  committee: Committee;
  kind: MeetingKind;
  month: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  place: string | null;
  onlineUrl: string | null;
  guidanceId: string | null;
  agenda: AgendaItemValues[];
}

/**
 * The staff side of planning a branch meeting: drafts, the agenda with the documents sent ahead,
 * scheduling (the late mark and the invitations), postponing and cancelling. docs/meetings.md.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly tx: Transactions,
    private readonly planning: MeetingPlanningRepository,
    private readonly doors: MeetingRepository,
    private readonly guidance: MeetingGuidanceRepository,
    private readonly committees: CommitteesService,
    private readonly members: MembersService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<MeetingSummaryResponse>> {
    const page = await this.planning.list(principal, query);
    return { ...page, items: page.items.map(toMeetingSummary) };
  }

  async get(principal: Principal, id: string): Promise<MeetingResponse> {
    const tx = this.tx.none;
    return this.respond(tx, await this.doors.findForStaff(tx, principal, id));
  }

  async respond(tx: Tx, meeting: Meeting): Promise<MeetingResponse> {
    const fresh = { ...meeting, committee: (await this.committees.findById(tx, meeting.committeeId)) ?? undefined } as Meeting;
    const items = await this.planning.agendaOf(tx, meeting.id);
    const attachments = await this.planning.attachmentsOf(
      tx,
      items.map((i) => i.id),
    );
    return toMeetingResponse(fresh, items, attachments, await this.planning.counts(tx, meeting.id));
  }

  /**
   * The documents an agenda item (or a guidance topic) of `filter.committeeId`'s meetings may attach:
   * those its members may read, published by the committee or one above it. The committee must be in
   * the caller's scope (400 on committeeId otherwise); without one, the caller's own committee, and
   * for a national admin (no committee of their own) nothing until they name one: no committee, no chain.
   */
  async library(principal: Principal, query: AdminListQuery): Promise<ListPage<DocumentResponse>> {
    const wanted = this.documents.libraryCommitteeId(query) ?? principal.committeeId;
    if (wanted === null) return this.documents.libraryOfChain(this.tx.none, [], query);
    if (!isInt4(wanted)) invalidListQuery('filter', 'committeeId: the committee whose meetings attach the documents');
    const committee = await this.committees.findReferenced(this.tx.none, principal, Number(wanted), MeetingErrors.committeeNotFound);
    return this.documents.libraryOfChain(this.tx.none, chainOf(committee), query);
  }

  // ---- checks shared with the template's drafts ----

  /** The committee a meeting is held by: in the caller's scope (else a 400 on committeeId), active, holding members. */
  async meetingCommittee(tx: Tx, principal: Principal, committeeId: number, lock = false): Promise<Committee> {
    const committee = await this.committees.findReferenced(tx, principal, committeeId, MeetingErrors.committeeNotFound, lock);
    if (committee.archivedAt) throw MeetingErrors.committeeArchived();
    if (!holdsMembers(committee.kind)) throw MeetingErrors.notMemberHolding();
    return committee;
  }

  /**
   * The agenda as sent, checked: a kept item must be one of `existingIds`; a presenter must be a
   * current member of the committee; each document must be one the branch's members may read
   * (published by the committee or one above it). All problems at once, per field.
   */
  async agendaValues(tx: Tx, committee: Committee, agenda: AgendaItemDto[], existingIds: ReadonlySet<string>): Promise<AgendaItemValues[]> {
    const errors: Record<string, string> = {};
    const wanted = [...new Set(agenda.flatMap((i) => i.documentIds ?? []))];
    const readable = new Map((await this.documents.readableInChain(tx, chainOf(committee), wanted)).map((d) => [d.id, d]));
    const seen = new Set<string>();
    const values: AgendaItemValues[] = [];
    for (const [i, item] of agenda.entries()) {
      if (item.id !== undefined) {
        if (!existingIds.has(item.id) || seen.has(item.id)) errors[`agenda.${i}.id`] = 'not an agenda item of this meeting';
        seen.add(item.id);
      }
      if (item.presenterMemberId) {
        const at = await this.members.currentCommitteeId(tx, item.presenterMemberId);
        if (at !== committee.id) errors[`agenda.${i}.presenterMemberId`] = 'not a current member of the meeting’s committee';
      }
      const ids = [...new Set(item.documentIds ?? [])];
      const missing = ids.filter((d) => !readable.has(d));
      if (missing.length) errors[`agenda.${i}.documentIds`] = `not a published document the branch may read: ${missing.join(', ')}`;
      values.push({
        id: item.id,
        title: item.title.trim(),
        description: item.description?.trim() || null,
        presenterMemberId: item.presenterMemberId ?? null,
        presenterName: item.presenterName?.trim() || null,
        documents: ids.filter((d) => readable.has(d)).map((d) => readable.get(d)!),
      });
    }
    if (Object.keys(errors).length) throw ApiError.validation(errors);
    return values;
  }

  /** A guidance id is one published for the committee's chain (else a 400 on guidanceId). */
  async checkGuidance(tx: Tx, committee: Committee, guidanceId: string | null): Promise<void> {
    if (guidanceId === null) return;
    if (!(await this.guidance.findPublishedForChain(tx, chainOf(committee), guidanceId)))
      throw ApiError.validation({ guidanceId: 'no published guidance of this committee’s chain has this id' });
  }

  /** Inserts a checked new meeting as a draft with its agenda, and audits it. The committee is locked by the caller. */
  async insertDraft(tx: Tx, principal: Principal, m: NewMeeting, action: string): Promise<Meeting> {
    if (m.kind === 'regular' && (await this.planning.regularExists(tx, m.committee.id, m.month)))
      throw MeetingErrors.regularExists(m.month);
    const saved = await this.planning.insert(tx, {
      committeeId: m.committee.id,
      kind: m.kind,
      month: monthStart(m.month),
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      place: m.place,
      onlineUrl: m.onlineUrl,
      guidanceId: m.guidanceId,
      status: 'draft',
      createdBy: principal.id,
    });
    await this.planning.replaceAgenda(tx, saved.id, m.agenda, []);
    await this.audit.record(tx, principal, {
      action,
      entityType: 'meeting',
      entityId: saved.id,
      committeeId: m.committee.id,
      details: { kind: m.kind, month: m.month, title: m.title, agendaItems: m.agenda.length, guidanceId: m.guidanceId },
    });
    return saved;
  }

  // ---- routes ----

  async create(principal: Principal, dto: CreateMeetingDto): Promise<MeetingResponse> {
    return this.tx.run(async (tx) => {
      // the committee's row lock serialises two drafts of the same month
      const committee = await this.meetingCommittee(tx, principal, dto.committeeId, true);
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : null;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
      checkTimes(startsAt, endsAt);
      await this.checkGuidance(tx, committee, dto.guidanceId ?? null);
      const agenda = await this.agendaValues(tx, committee, dto.agenda ?? [], new Set());
      const saved = await this.insertDraft(
        tx,
        principal,
        {
          committee,
          kind: dto.kind,
          month: dto.month,
          title: dto.title.trim(),
          startsAt,
          endsAt,
          place: dto.place?.trim() || null,
          onlineUrl: dto.onlineUrl ?? null,
          guidanceId: dto.guidanceId ?? null,
          agenda,
        },
        'meeting.create',
      );
      return this.respond(tx, await this.doors.findForStaff(tx, principal, saved.id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateMeetingDto): Promise<MeetingResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.doors.findForStaff(tx, principal, id, true);
      if (!EDITABLE_STATUSES.includes(meeting.status)) throw MeetingErrors.invalidTransition(meeting.status, 'edited');
      const committee = await this.committees.findInScope(tx, principal, meeting.committeeId, true);
      const changes: Partial<Meeting> = {};
      if (dto.kind !== undefined) changes.kind = dto.kind;
      if (dto.month !== undefined) changes.month = monthStart(dto.month);
      if (dto.title !== undefined) changes.title = dto.title.trim();
      if (dto.startsAt !== undefined) changes.startsAt = dto.startsAt === null ? null : new Date(dto.startsAt);
      if (dto.endsAt !== undefined) changes.endsAt = dto.endsAt === null ? null : new Date(dto.endsAt);
      else if (changes.startsAt && meeting.startsAt && meeting.endsAt) {
        // a new start without a new end keeps the meeting's length
        changes.endsAt = new Date(changes.startsAt.getTime() + (meeting.endsAt.getTime() - meeting.startsAt.getTime()));
      }
      if (dto.place !== undefined) changes.place = dto.place?.trim() || null;
      if (dto.onlineUrl !== undefined) changes.onlineUrl = dto.onlineUrl;
      if (dto.guidanceId !== undefined && dto.guidanceId !== meeting.guidanceId) {
        await this.checkGuidance(tx, committee, dto.guidanceId);
        changes.guidanceId = dto.guidanceId;
      }
      const after = { ...meeting, ...changes };
      checkTimes(after.startsAt, after.endsAt);
      if (meeting.status === 'scheduled') {
        // members were told a time: it stays a time to come
        if (after.startsAt === null) throw ApiError.validation({ startsAt: 'a scheduled meeting keeps a start time' });
        if (changes.startsAt !== undefined && after.startsAt.getTime() !== meeting.startsAt?.getTime() && after.startsAt <= new Date())
          throw MeetingErrors.inPast();
      }
      const monthOrKindChanged = after.kind !== meeting.kind || after.month !== meeting.month;
      if (monthOrKindChanged && after.kind === 'regular' && (await this.planning.regularExists(tx, meeting.committeeId, after.month, id)))
        throw MeetingErrors.regularExists(after.month.slice(0, 7));
      const changed = diff(meeting, changes);
      let agendaChange: Record<string, number> | null = null;
      if (dto.agenda !== undefined) {
        const existing = await this.planning.agendaOf(tx, id);
        const values = await this.agendaValues(tx, committee, dto.agenda, new Set(existing.map((i) => i.id)));
        const kept = new Set(values.map((v) => v.id).filter((v): v is string => !!v));
        const removed = existing.filter((i) => !kept.has(i.id)).map((i) => i.id);
        if ((await this.planning.commentsOn(tx, removed)) > 0) throw MeetingErrors.agendaItemHasComments();
        const released = await this.planning.storedFilesOf(tx, removed);
        await this.planning.replaceAgenda(tx, id, values, removed);
        for (const fileId of released) await this.documents.releaseFile(tx, fileId);
        agendaChange = { items: values.length, removed: removed.length, added: values.filter((v) => !v.id).length };
      }
      await this.planning.update(tx, id, changes);
      if (Object.keys(changed).length || agendaChange) {
        await this.audit.record(tx, principal, {
          action: 'meeting.update',
          entityType: 'meeting',
          entityId: id,
          committeeId: meeting.committeeId,
          details: { changes: changed, agenda: agendaChange },
        });
      }
      return this.respond(tx, await this.doors.findForStaff(tx, principal, id));
    });
  }

  /** Deletes a draft (never sent to anyone) and answers it as it was; its uploaded papers are released. */
  async remove(principal: Principal, id: string): Promise<MeetingResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.doors.findForStaff(tx, principal, id, true);
      if (meeting.status !== 'draft') throw MeetingErrors.invalidTransition(meeting.status, 'deleted (cancel it instead)');
      const response = await this.respond(tx, meeting);
      const released = await this.planning.storedFilesOf(
        tx,
        response.agenda.map((i) => i.id),
      );
      await this.planning.delete(tx, id);
      for (const fileId of released) await this.documents.releaseFile(tx, fileId);
      await this.audit.record(tx, principal, {
        action: 'meeting.delete',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
        details: { kind: meeting.kind, month: response.month, title: meeting.title },
      });
      return response;
    });
  }

  /**
   * draft | postponed → scheduled: the start must be to come; the first scheduling of a regular
   * meeting after the committee's deadline marks it late; every current member of the committee is
   * invited (those invited before keep their rows: a re-scheduled meeting adds the newcomers).
   */
  async schedule(principal: Principal, id: string): Promise<MeetingResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.doors.findForStaff(tx, principal, id, true);
      if (!canMoveTo(meeting.status, 'scheduled')) throw MeetingErrors.invalidTransition(meeting.status, 'scheduled');
      const committee = await this.committees.findInScope(tx, principal, meeting.committeeId, true);
      if (committee.archivedAt) throw MeetingErrors.committeeArchived();
      if (!holdsMembers(committee.kind)) throw MeetingErrors.notMemberHolding();
      if (!meeting.startsAt) throw ApiError.validation({ startsAt: 'set the start time before scheduling' });
      const now = new Date();
      if (meeting.startsAt <= now) throw MeetingErrors.inPast();
      const endsAt = meeting.endsAt ?? new Date(meeting.startsAt.getTime() + DEFAULT_DURATION_MINUTES * 60_000);
      const deadlineDay = (await this.planning.templateOf(tx, committee.id))?.deadlineDay ?? DEFAULT_DEADLINE_DAY;
      const month = meeting.month.slice(0, 7);
      const first = meeting.scheduledAt === null;
      const late = first ? isLate(meeting.kind, month, localDate(now), deadlineDay) : meeting.late;
      const current = await this.members.currentOf(tx, committee.id);
      const added = await this.planning.invite(
        tx,
        id,
        current.map((m) => ({ id: m.id, official: m.status === 'official', exempt: m.exempted, hold: m.activityHold })),
      );
      await this.planning.update(tx, id, {
        status: 'scheduled',
        statusReason: null,
        scheduledAt: meeting.scheduledAt ?? now,
        late,
        endsAt,
      });
      await this.audit.record(tx, principal, {
        action: first ? 'meeting.schedule' : 'meeting.reschedule',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
        details: {
          from: meeting.status,
          startsAt: meeting.startsAt.toISOString(),
          late,
          deadline: meeting.kind === 'regular' ? schedulingDeadline(month, deadlineDay) : null,
          invitedAdded: added,
        },
      });
      await notifyMeetingMembers(this.notifications, tx, principal, meeting, first ? 'scheduled' : 'rescheduled');
      return this.respond(tx, await this.doors.findForStaff(tx, principal, id));
    });
  }

  postpone(principal: Principal, id: string, reason: string): Promise<MeetingResponse> {
    return this.move(principal, id, 'postponed', reason);
  }

  cancel(principal: Principal, id: string, reason: string): Promise<MeetingResponse> {
    return this.move(principal, id, 'cancelled', reason);
  }

  private async move(principal: Principal, id: string, to: 'postponed' | 'cancelled', reason: string): Promise<MeetingResponse> {
    return this.tx.run(async (tx) => {
      const meeting = await this.doors.findForStaff(tx, principal, id, true);
      if (!canMoveTo(meeting.status, to)) throw MeetingErrors.invalidTransition(meeting.status, to);
      await this.planning.update(tx, id, { status: to, statusReason: reason.trim() });
      await this.audit.record(tx, principal, {
        action: to === 'postponed' ? 'meeting.postpone' : 'meeting.cancel',
        entityType: 'meeting',
        entityId: id,
        committeeId: meeting.committeeId,
        details: { from: meeting.status, reason: reason.trim() },
      });
      // a draft was never announced: nothing to take back
      if (meeting.status !== 'draft') await notifyMeetingMembers(this.notifications, tx, principal, meeting, to, reason.trim());
      return this.respond(tx, await this.doors.findForStaff(tx, principal, id));
    });
  }

  /** The caller's meeting (for the upload route to check the scope before reading the body). */
  async assertInScope(principal: Principal, id: string): Promise<void> {
    await this.doors.findForStaff(this.tx.none, principal, id);
  }

  /**
   * Attaches an uploaded paper to an agenda item (checked like a document's file: type by the bytes,
   * identical bytes stored once). Discards the spooled upload whatever happens.
   */
  async uploadAttachment(
    principal: Principal,
    id: string,
    itemId: string,
    upload: SpooledUpload,
    clientName: string | undefined,
  ): Promise<MeetingAttachmentResponse> {
    try {
      return await this.tx.run(async (tx) => {
        const meeting = await this.doors.findForStaff(tx, principal, id, true);
        const item = (await this.planning.agendaOf(tx, id)).find((i) => i.id === itemId);
        if (!item) throw MeetingErrors.agendaItemPathNotFound();
        if (!EDITABLE_STATUSES.includes(meeting.status)) throw MeetingErrors.invalidTransition(meeting.status, 'given new papers');
        const stored = await this.documents.storeUpload(tx, upload, clientName);
        const attachment = await this.planning.insertAttachment(tx, {
          agendaItemId: item.id,
          documentId: null,
          storedFileId: stored.fileId,
          title: stored.name,
        });
        await this.audit.record(tx, principal, {
          action: 'meeting.attachment_upload',
          entityType: 'meeting',
          entityId: id,
          committeeId: meeting.committeeId,
          details: {
            agendaItemId: item.id,
            attachmentId: attachment.id,
            name: stored.name,
            size: stored.size,
            mime: stored.mime,
            sha256: stored.sha256,
          },
        });
        return toAttachmentResponse(id, attachment);
      });
    } finally {
      await upload.discard();
    }
  }

  /** An attachment's bytes for staff of the meeting's scope: the library document's file or the uploaded paper. */
  async attachmentFile(principal: Principal, id: string, attachmentId: string): Promise<DownloadableFile> {
    const tx = this.tx.none;
    await this.doors.findForStaff(tx, principal, id);
    const attachment = isUuid(attachmentId) ? await this.planning.attachmentOf(tx, id, attachmentId) : null;
    if (!attachment) throw MeetingErrors.attachmentNotFound();
    return attachment.documentId
      ? this.documents.documentFile(tx, attachment.documentId)
      : this.documents.storedFile(tx, attachment.storedFileId!, attachment.title);
  }
}

/** endsAt, when both are set, after startsAt (a 400 on endsAt). */
function checkTimes(startsAt: Date | null, endsAt: Date | null): void {
  if (startsAt && endsAt && endsAt <= startsAt) throw ApiError.validation({ endsAt: 'endsAt must be after startsAt' });
}
