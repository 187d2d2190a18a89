import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  idsFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404, scopeQuery } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { Training } from './training.entity.js';
import { TrainingErrors } from './trainings.errors.js';

const isRealDate = (v: unknown): v is string => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** `from` / `to`: held on or after / on or before a date (YYYY-MM-DD), both inclusive. */
const dateBound =
  (op: '>=' | '<='): FilterHandler =>
  (qb, value, p) => {
    if (!isRealDate(value)) invalidListQuery('filter', 'from and to must be dates YYYY-MM-DD');
    qb.andWhere(`t.held_on ${op} CAST(:${p} AS date)`, { [p]: value });
  };

const LIST: ListSpec = {
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

/** The fields of a training row as written. */
export type TrainingFields = Pick<Training, 'committeeId' | 'heldOn' | 'topic' | 'location' | 'attendees' | 'notes' | 'createdBy'>;

/** The `trainings` table. */
@Injectable()
export class TrainingRepository {
  constructor(@InjectRepository(Training) private readonly trainings: Repository<Training>) {}

  /** The admin list of the trainings held by committees in the caller's scope, each with its committee. */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<Training>> {
    const qb = scopeQuery(this.trainings.createQueryBuilder('t').leftJoinAndSelect('t.committee', 'c'), principal, {
      committeeIdColumn: 't.committee_id',
    });
    return runListQuery(qb, LIST, query);
  }

  /** The training if its committee lies in the caller's scope, else the training 404 (`lock`: FOR UPDATE). */
  findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Training> {
    return findInScopeOr404(tx, Training, principal, id, {
      alias: 't',
      scope: { committeeIdColumn: 't.committee_id' },
      notFound: TrainingErrors.notFound,
      lock,
    });
  }

  insert(tx: Tx, fields: TrainingFields): Promise<Training> {
    return tx.save(tx.create(Training, fields));
  }

  async update(tx: Tx, id: string, values: Partial<TrainingFields>): Promise<void> {
    await tx.update(Training, { id }, values);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Training, { id });
  }
}
