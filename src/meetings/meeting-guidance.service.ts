import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { DocumentsService } from '../documents/documents.service.js';
import {
  toGuidanceResponse,
  type CreateMeetingGuidanceDto,
  type GuidanceTopicDto,
  type MeetingGuidanceResponse,
  type UpdateMeetingGuidanceDto,
} from './dto/meeting-guidance.dto.js';
import type { GuidanceTopic, MeetingGuidance } from './entities/meeting-guidance.entity.js';
import { MeetingGuidanceRepository } from './meeting-guidance.repository.js';
import { MeetingErrors } from './meetings.errors.js';
import { monthStart } from './meetings.rules.js';
import { chainOf } from './meetings.service.js';

/**
 * The month's guidance (định hướng nội dung sinh hoạt): a committee writes it for its subtree and
 * publishes it; branches see what their chain published and adopt its topics. Fixed once published.
 */
@Injectable()
export class MeetingGuidanceService {
  constructor(
    private readonly tx: Transactions,
    private readonly guidance: MeetingGuidanceRepository,
    private readonly committees: CommitteesService,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<MeetingGuidanceResponse>> {
    const page = await this.guidance.list(principal, query);
    return { ...page, items: page.items.map(toGuidanceResponse) };
  }

  async get(principal: Principal, id: string): Promise<MeetingGuidanceResponse> {
    return toGuidanceResponse(await this.guidance.findVisible(this.tx.none, principal, id));
  }

  private async publisher(tx: Tx, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(tx, principal, committeeId, MeetingErrors.committeeNotFound);
    if (committee.archivedAt) throw MeetingErrors.committeeArchived();
    return committee;
  }

  /** The topics, each document one that the publisher's whole subtree may read (published by its chain). */
  private async topics(tx: Tx, committee: Committee, topics: GuidanceTopicDto[]): Promise<GuidanceTopic[]> {
    const wanted = [...new Set(topics.flatMap((t) => t.documentIds ?? []))];
    const readable = new Set((await this.documents.readableInChain(tx, chainOf(committee), wanted)).map((d) => d.id));
    const errors: Record<string, string> = {};
    const out = topics.map((t, i) => {
      const ids = [...new Set(t.documentIds ?? [])];
      const missing = ids.filter((d) => !readable.has(d));
      if (missing.length) errors[`topics.${i}.documentIds`] = `not a published document the subtree may read: ${missing.join(', ')}`;
      return { title: t.title.trim(), description: t.description?.trim() || null, documentIds: ids };
    });
    if (Object.keys(errors).length) throw ApiError.validation(errors);
    return out;
  }

  async create(principal: Principal, dto: CreateMeetingGuidanceDto): Promise<MeetingGuidanceResponse> {
    return this.tx.run(async (tx) => {
      const committee = await this.publisher(tx, principal, dto.committeeId);
      const saved = await this.guidance.insert(tx, {
        committeeId: committee.id,
        month: monthStart(dto.month),
        title: dto.title.trim(),
        topics: await this.topics(tx, committee, dto.topics),
        publishedAt: null,
        createdBy: principal.id,
      });
      await this.audit.record(tx, principal, {
        action: 'meeting_guidance.create',
        entityType: 'meeting_guidance',
        entityId: saved.id,
        committeeId: committee.id,
        details: { month: dto.month, title: saved.title, topics: dto.topics.length },
      });
      return toGuidanceResponse(await this.guidance.findVisible(tx, principal, saved.id));
    });
  }

  /** The caller's own subtree's guidance, still unpublished (409 MEETING_GUIDANCE_PUBLISHED otherwise). */
  private async editable(tx: Tx, principal: Principal, id: string): Promise<MeetingGuidance> {
    const g = await this.guidance.findInScope(tx, principal, id, true);
    if (g.publishedAt) throw MeetingErrors.guidancePublished();
    return g;
  }

  async update(principal: Principal, id: string, dto: UpdateMeetingGuidanceDto): Promise<MeetingGuidanceResponse> {
    return this.tx.run(async (tx) => {
      const g = await this.editable(tx, principal, id);
      const changes: Partial<MeetingGuidance> = {};
      let committee: Committee | null = null;
      if (dto.committeeId !== undefined && dto.committeeId !== g.committeeId) {
        committee = await this.publisher(tx, principal, dto.committeeId);
        changes.committeeId = committee.id;
      }
      if (dto.month !== undefined) changes.month = monthStart(dto.month);
      if (dto.title !== undefined) changes.title = dto.title.trim();
      if (dto.topics !== undefined || committee) {
        committee ??= await this.committees.findInScope(tx, principal, g.committeeId);
        const topics = dto.topics ?? g.topics.map((t) => ({ ...t }));
        changes.topics = await this.topics(tx, committee, topics);
      }
      const changed = diff(g, changes);
      if (Object.keys(changed).length) {
        await this.guidance.update(tx, id, changes);
        await this.audit.record(tx, principal, {
          action: 'meeting_guidance.update',
          entityType: 'meeting_guidance',
          entityId: id,
          committeeId: changes.committeeId ?? g.committeeId,
          details: { changes: changed },
        });
      }
      return toGuidanceResponse(await this.guidance.findVisible(tx, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<MeetingGuidanceResponse> {
    return this.tx.run(async (tx) => {
      await this.editable(tx, principal, id);
      const response = toGuidanceResponse(await this.guidance.findVisible(tx, principal, id));
      await this.guidance.delete(tx, id);
      await this.audit.record(tx, principal, {
        action: 'meeting_guidance.delete',
        entityType: 'meeting_guidance',
        entityId: id,
        committeeId: response.committeeId,
        details: { month: response.month, title: response.title },
      });
      return response;
    });
  }

  async publish(principal: Principal, id: string): Promise<MeetingGuidanceResponse> {
    return this.tx.run(async (tx) => {
      const g = await this.editable(tx, principal, id);
      await this.guidance.update(tx, id, { publishedAt: new Date() });
      await this.audit.record(tx, principal, {
        action: 'meeting_guidance.publish',
        entityType: 'meeting_guidance',
        entityId: id,
        committeeId: g.committeeId,
        details: { month: g.month.slice(0, 7), title: g.title, topics: g.topics.length },
      });
      return toGuidanceResponse(await this.guidance.findVisible(tx, principal, id));
    });
  }
}
