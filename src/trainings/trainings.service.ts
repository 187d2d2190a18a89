import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { CreateTrainingDto, UpdateTrainingDto } from './dto/training.dto.js';
import { toTrainingResponse, type TrainingResponse } from './dto/training.response.js';
import type { Training } from './training.entity.js';
import { TrainingRepository, type TrainingFields } from './training.repository.js';
import { TrainingErrors } from './trainings.errors.js';
import { refuseCleared } from '../common/validation.js';

/** Training sessions on the handbook, kept by the committee that held them. */
@Injectable()
export class TrainingsService {
  constructor(
    private readonly tx: Transactions,
    private readonly trainings: TrainingRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<TrainingResponse>> {
    const page = await this.trainings.list(principal, query);
    return { ...page, items: page.items.map(toTrainingResponse) };
  }

  async get(principal: Principal, id: string): Promise<TrainingResponse> {
    return toTrainingResponse(await this.findInScope(this.tx.none, principal, id));
  }

  async create(principal: Principal, dto: CreateTrainingDto): Promise<TrainingResponse> {
    if (dto.heldOn > localDate()) throw TrainingErrors.inFuture();
    return this.tx.run(async (tx) => {
      const committee = await this.organiser(tx, principal, dto.committeeId);
      const saved = await this.trainings.insert(tx, {
        committeeId: committee.id,
        heldOn: dto.heldOn,
        topic: dto.topic.trim(),
        location: dto.location?.trim() || null,
        attendees: dto.attendees,
        notes: dto.notes?.trim() || null,
        createdBy: principal.id,
      });
      await this.audit.record(tx, principal, {
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
    refuseCleared(dto, ['committeeId', 'heldOn', 'topic', 'attendees']);
    if (dto.heldOn !== undefined && dto.heldOn > localDate()) throw TrainingErrors.inFuture();
    return this.tx.run(async (tx) => {
      const training = await this.findInScope(tx, principal, id, true);
      const changes: Partial<TrainingFields> = {};
      if (dto.committeeId !== undefined && dto.committeeId !== training.committeeId) {
        changes.committeeId = (await this.organiser(tx, principal, dto.committeeId)).id;
      }
      if (dto.heldOn !== undefined) changes.heldOn = dto.heldOn;
      if (dto.topic !== undefined) changes.topic = dto.topic.trim();
      if (dto.location !== undefined) changes.location = dto.location?.trim() || null;
      if (dto.attendees !== undefined) changes.attendees = dto.attendees;
      if (dto.notes !== undefined) changes.notes = dto.notes?.trim() || null;
      const changed = diff(training, changes);
      if (Object.keys(changed).length) {
        await this.trainings.update(tx, id, Object.fromEntries(Object.keys(changed).map((k) => [k, changes[k as keyof TrainingFields]])));
        await this.audit.record(tx, principal, {
          action: 'training.update',
          entityType: 'training',
          entityId: id,
          committeeId: changes.committeeId ?? training.committeeId,
          details: { changes: changed },
        });
      }
      return toTrainingResponse(await this.findInScope(tx, principal, id));
    });
  }

  async remove(principal: Principal, id: string): Promise<TrainingResponse> {
    return this.tx.run(async (tx) => {
      const training = await this.findInScope(tx, principal, id, true);
      await this.trainings.delete(tx, id);
      await this.audit.record(tx, principal, {
        action: 'training.delete',
        entityType: 'training',
        entityId: id,
        committeeId: training.committeeId,
        details: { heldOn: training.heldOn, topic: training.topic, attendees: training.attendees },
      });
      return toTrainingResponse(training);
    });
  }

  /** The training in the caller's scope (else its 404), with its organising committee (in scope too, since the training is). */
  private async findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Training> {
    const training = await this.trainings.findInScope(tx, principal, id, lock);
    training.committee = await this.committees.findInScope(tx, principal, training.committeeId);
    return training;
  }

  /** A committee in scope that is not archived. */
  private async organiser(tx: Tx, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(tx, principal, committeeId, TrainingErrors.committeeNotFound);
    if (committee.archivedAt) throw TrainingErrors.committeeArchived();
    return committee;
  }
}
