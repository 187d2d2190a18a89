import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { holdsMembers } from '../committees/committees.rules.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsService } from '../documents/documents.service.js';
import { MembersService } from '../members/members.service.js';
import type { MeetingResponse } from './dto/meeting.response.js';
import {
  toTemplateResponse,
  type CreateMeetingDraftDto,
  type MeetingTemplateResponse,
  type UpdateMeetingTemplateDto,
} from './dto/meeting-template.dto.js';
import type { MeetingTemplate } from './entities/meeting-template.entity.js';
import { MeetingGuidanceRepository } from './meeting-guidance.repository.js';
import { MeetingPlanningRepository, type AgendaItemValues } from './meeting-planning.repository.js';
import { MeetingRepository } from './meeting.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import { DEFAULT_TEMPLATE, draftTitle, vietnamTime } from './meetings.rules.js';
import { chainOf, MeetingsService } from './meetings.service.js';

type TemplateValues = Omit<MeetingTemplate, 'committeeId' | 'updatedAt' | 'committee'>;

/**
 * A branch's monthly template (usual day, time, place, standing agenda, and its scheduling
 * deadline), and the month's regular meeting drafted from it with the guidance's topics appended.
 */
@Injectable()
export class MeetingTemplatesService {
  constructor(
    private readonly tx: Transactions,
    private readonly planning: MeetingPlanningRepository,
    private readonly guidance: MeetingGuidanceRepository,
    private readonly doors: MeetingRepository,
    private readonly meetings: MeetingsService,
    private readonly committees: CommitteesService,
    private readonly members: MembersService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
  ) {}

  /** A committee of the caller's subtree (else the committee's 404) that holds members (else 400). */
  private async committee(tx: Tx, principal: Principal, committeeId: number, lock = false): Promise<Committee> {
    const committee = await this.committees.findInScope(tx, principal, committeeId, lock);
    if (!holdsMembers(committee.kind)) throw MeetingErrors.notMemberHolding('committeeId');
    return committee;
  }

  private async current(tx: Tx, committeeId: number): Promise<{ values: TemplateValues; saved: MeetingTemplate | null }> {
    const saved = await this.planning.templateOf(tx, committeeId);
    const values: TemplateValues = saved ?? { ...DEFAULT_TEMPLATE, agenda: [] };
    return { values, saved };
  }

  async get(principal: Principal, committeeId: number): Promise<MeetingTemplateResponse> {
    const tx = this.tx.none;
    await this.committee(tx, principal, committeeId);
    const { values, saved } = await this.current(tx, committeeId);
    return toTemplateResponse(committeeId, saved ?? values, saved !== null);
  }

  async update(principal: Principal, committeeId: number, dto: UpdateMeetingTemplateDto): Promise<MeetingTemplateResponse> {
    return this.tx.run(async (tx) => {
      const committee = await this.committee(tx, principal, committeeId, true);
      if (committee.archivedAt) throw MeetingErrors.committeeArchived();
      const { values: before, saved } = await this.current(tx, committeeId);
      // the deadline measures the branch's planning: the committee above sets it, not the branch's own secretary
      if (principal.role === 'secretary' && dto.deadlineDay !== undefined && dto.deadlineDay !== before.deadlineDay)
        throw ApiError.forbidden('The scheduling deadline is set by the committee above the branch');
      const after: TemplateValues = {
        title: dto.title?.trim() ?? before.title,
        dayOfMonth: dto.dayOfMonth ?? before.dayOfMonth,
        startTime: dto.startTime ?? before.startTime,
        durationMinutes: dto.durationMinutes ?? before.durationMinutes,
        place: dto.place === undefined ? before.place : dto.place?.trim() || null,
        onlineUrl: dto.onlineUrl === undefined ? before.onlineUrl : dto.onlineUrl,
        agenda:
          dto.agenda?.map((a) => ({
            title: a.title.trim(),
            description: a.description?.trim() || null,
            presenterMemberId: a.presenterMemberId ?? null,
            presenterName: a.presenterName?.trim() || null,
          })) ?? before.agenda,
        deadlineDay: dto.deadlineDay ?? before.deadlineDay,
      };
      const errors: Record<string, string> = {};
      for (const [i, a] of after.agenda.entries()) {
        if (a.presenterMemberId && (await this.members.currentCommitteeId(tx, a.presenterMemberId)) !== committeeId)
          errors[`agenda.${i}.presenterMemberId`] = 'not a current member of the committee';
      }
      if (Object.keys(errors).length) throw ApiError.validation(errors);
      const stored = await this.planning.saveTemplate(tx, { committeeId, ...after });
      await this.audit.record(tx, principal, {
        action: 'meeting_template.update',
        entityType: 'meeting_template',
        entityId: committeeId,
        committeeId,
        details: {
          created: saved === null,
          deadlineDay: after.deadlineDay,
          dayOfMonth: after.dayOfMonth,
          agendaItems: after.agenda.length,
        },
      });
      return toTemplateResponse(committeeId, stored, true);
    });
  }

  /**
   * The draft regular meeting of `month` from the template: its title with the month, the usual day
   * and time (Vietnam time) and duration, its place and standing agenda, then the guidance's topics
   * with the documents of them the branch may read. 409 when the month already has its regular meeting.
   */
  async draft(principal: Principal, committeeId: number, dto: CreateMeetingDraftDto): Promise<MeetingResponse> {
    return this.tx.run(async (tx) => {
      const committee = await this.committee(tx, principal, committeeId, true);
      if (committee.archivedAt) throw MeetingErrors.committeeArchived();
      const { values: template } = await this.current(tx, committeeId);
      const guidanceId = dto.guidanceId ?? null;
      const agenda: AgendaItemValues[] = template.agenda.map((a) => ({ ...a, documents: [] }));
      // a presenter who has left the branch since the template was saved is dropped, not refused
      for (const item of agenda) {
        if (item.presenterMemberId && (await this.members.currentCommitteeId(tx, item.presenterMemberId)) !== committeeId)
          item.presenterMemberId = null;
      }
      if (guidanceId !== null) {
        const guidance = await this.guidance.findPublishedForChain(tx, chainOf(committee), guidanceId);
        if (!guidance) throw ApiError.validation({ guidanceId: 'no published guidance of this committee’s chain has this id' });
        const wanted = [...new Set(guidance.topics.flatMap((t) => t.documentIds))];
        const readable = new Map((await this.documents.readableInChain(tx, chainOf(committee), wanted)).map((d) => [d.id, d]));
        for (const topic of guidance.topics) {
          agenda.push({
            title: topic.title,
            description: topic.description,
            presenterMemberId: null,
            presenterName: null,
            documents: [...new Set(topic.documentIds)].filter((d) => readable.has(d)).map((d) => readable.get(d)!),
          });
        }
      }
      const startsAt = vietnamTime(dto.month, template.dayOfMonth, template.startTime);
      const saved = await this.meetings.insertDraft(
        tx,
        principal,
        {
          committee,
          kind: 'regular',
          month: dto.month,
          title: draftTitle(template.title, dto.month),
          startsAt,
          endsAt: new Date(startsAt.getTime() + template.durationMinutes * 60_000),
          place: template.place,
          onlineUrl: template.onlineUrl,
          guidanceId,
          agenda,
        },
        'meeting.create_from_template',
      );
      return this.meetings.respond(tx, await this.doors.findForStaff(tx, principal, saved.id));
    });
  }
}
