import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, diff } from '../audit/audit.service.js';
import {
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { localDate } from '../common/dates.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import { Committee } from '../committees/committee.entity.js';
import { CommitteeErrors } from '../committees/committees.errors.js';
import { CommitteesService } from '../committees/committees.service.js';
import type { CreateTrainingDto, UpdateTrainingDto } from './dto/training.dto.js';
import { toTrainingResponse, type TrainingResponse } from './dto/training.response.js';
import { Training } from './training.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TrainingErrors = {
  notFound: () => ApiError.notFound('Training'),
  committeeNotFound: () => ApiError.validation({ committeeId: 'committee not found' }),
  inFuture: () => ApiError.validation({ heldOn: 'heldOn cannot be in the future: record a training once it has been held' }),
};

const isRealDate = (v: unknown): v is string => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** `from` / `to`: held on or after / on or before a date (YYYY-MM-DD), both inclusive. */
const dateBound =
  (op: '>=' | '<='): FilterHandler<Training> =>
  (qb, value, p) => {
    if (!isRealDate(value)) throw ApiError.badRequest('from and to must be dates YYYY-MM-DD', { filter: 'from and to must be dates YYYY-MM-DD' }, 'INVALID_LIST_QUERY');
    qb.andWhere(`t.held_on ${op} CAST(:${p} AS date)`, { [p]: value });
  };

const LIST: ListSpec<Training> = {
  sortable: { id: 't.id', heldOn: 't.heldOn', topic: 't.topic', attendees: 't.attendees', createdAt: 't.createdAt' },
  defaultSort: ['heldOn', 'DESC'],
  tieBreaker: 't.id',
  filters: {
    id: idsFilter('t.id', 'uuid'),
    q: searchFilter('t.topic'),
    committeeId: subtreeFilter('t.committee_id'),
    from: dateBound('>='),
    to: dateBound('<='),
  },
};

/** Training sessions on the handbook, kept by the committee that held them. */
@Injectable()
export class TrainingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<TrainingResponse>> {
    const qb = scopeByCommittee(this.db.getRepository(Training).createQueryBuilder('t').leftJoinAndSelect('t.committee', 'c'), principal, 't.committee_id');
    const page = await runListQuery(qb, LIST, query);
    return { ...page, items: page.items.map(toTrainingResponse) };
  }

  async get(principal: Principal, id: string): Promise<TrainingResponse> {
    return toTrainingResponse(await this.findInScope(this.db.manager, principal, id));
  }

  async create(principal: Principal, dto: CreateTrainingDto): Promise<TrainingResponse> {
    if (dto.heldOn > localDate()) throw TrainingErrors.inFuture();
    return this.db.transaction(async (m) => {
      const committee = await this.organiser(m, principal, dto.committeeId);
      const saved = await m.save(
        m.create(Training, {
          committeeId: committee.id,
          heldOn: dto.heldOn,
          topic: dto.topic.trim(),
          location: dto.location?.trim() || null,
          attendees: dto.attendees,
          notes: dto.notes?.trim() || null,
          createdBy: principal.id,
        }),
      );
      await this.audit.record(m, principal, {
        action: 'training.create',
        entityType: 'training',
        entityId: saved.id,
        committeeId: committee.id,
        details: { heldOn: saved.heldOn, topic: saved.topic, attendees: saved.attendees },
      });
      saved.committee = committee;
      return toTrainingResponse(saved);
    });
  }

  async update(principal: Principal, id: string, dto: UpdateTrainingDto): Promise<TrainingResponse> {
    // PartialType lets null through `@IsOptional()`; these fields cannot be cleared
    const cleared = (['committeeId', 'heldOn', 'topic', 'attendees'] as const).filter((f) => dto[f] === null);
    if (cleared.length) throw ApiError.validation(Object.fromEntries(cleared.map((f) => [f, `${f} cannot be empty`])));
    if (dto.heldOn !== undefined && dto.heldOn > localDate()) throw TrainingErrors.inFuture();
    return this.db.transaction(async (m) => {
      const training = await this.findInScope(m, principal, id, true);
      const changes: Partial<Training> = {};
      if (dto.committeeId !== undefined && dto.committeeId !== training.committeeId) {
        changes.committeeId = (await this.organiser(m, principal, dto.committeeId)).id;
      }
      if (dto.heldOn !== undefined) changes.heldOn = dto.heldOn;
      if (dto.topic !== undefined) changes.topic = dto.topic.trim();
      if (dto.location !== undefined) changes.location = dto.location?.trim() || null;
      if (dto.attendees !== undefined) changes.attendees = dto.attendees;
      if (dto.notes !== undefined) changes.notes = dto.notes?.trim() || null;
      const changed = diff(training, changes);
      if (Object.keys(changed).length) {
        await m.update(Training, { id }, Object.fromEntries(Object.keys(changed).map((k) => [k, changes[k as keyof Training]])));
        await this.audit.record(m, principal, {
          action: 'training.update',
          entityType: 'training',
          entityId: id,
          committeeId: changes.committeeId ?? training.committeeId,
          details: { changes: changed },
        });
      }
      return toTrainingResponse(await this.findInScope(m, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<TrainingResponse> {
    return this.db.transaction(async (m) => {
      const training = await this.findInScope(m, principal, id, true);
      await m.delete(Training, { id });
      await this.audit.record(m, principal, {
        action: 'training.delete',
        entityType: 'training',
        entityId: id,
        committeeId: training.committeeId,
        details: { heldOn: training.heldOn, topic: training.topic, attendees: training.attendees },
      });
      return toTrainingResponse(training);
    });
  }

  private async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<Training> {
    if (!UUID.test(id)) throw TrainingErrors.notFound();
    const qb = scopeByCommittee(m.getRepository(Training).createQueryBuilder('t'), principal, 't.committee_id').andWhere('t.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const training = await qb.getOne();
    if (!training) throw TrainingErrors.notFound();
    training.committee = (await m.findOneBy(Committee, { id: training.committeeId })) ?? undefined;
    return training;
  }

  /** A committee in scope that is not archived. */
  private async organiser(m: EntityManager, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(m, principal, committeeId, TrainingErrors.committeeNotFound);
    if (committee.archivedAt) throw CommitteeErrors.archived();
    return committee;
  }
}
