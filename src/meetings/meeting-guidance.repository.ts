import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, type Repository, type SelectQueryBuilder } from 'typeorm';
import {
  boolFilter,
  idsFilter,
  intFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { isUuid } from '../common/id-param.pipe.js';
import type { Principal } from '../common/principal.js';
import { audienceOf, findInScopeOr404, scopePath, subtreeOf } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { MeetingGuidance } from './entities/meeting-guidance.entity.js';
import { MeetingErrors } from './meetings.errors.js';
import { monthStart } from './meetings.rules.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const GUIDANCE_LIST: ListSpec = {
  sortable: { month: 'g.month', publishedAt: 'g.publishedAt', createdAt: 'g.createdAt', title: 'g.title' },
  defaultSort: ['month', 'DESC'],
  tieBreaker: 'g.id',
  filters: {
    id: idsFilter('g.id', 'uuid'),
    q: searchFilter('g.title'),
    committeeId: intFilter('g.committee_id'),
    published: boolFilter((v) => (v ? 'g.published_at IS NOT NULL' : 'g.published_at IS NULL')),
    month: (qb, v, p) => {
      if (typeof v !== 'string' || !MONTH.test(v)) invalidListQuery('filter', 'month must be YYYY-MM');
      qb.andWhere(`g.month = :${p}`, { [p]: monthStart(v) });
    },
  },
};

/**
 * The month's guidance (meeting_guidance). A staff member sees what committees of their subtree
 * wrote (drafts included) and what the committees of their chain published (the audience of
 * common/scope.ts); they change only their subtree's, and only before it is published.
 */
@Injectable()
export class MeetingGuidanceRepository {
  constructor(@InjectRepository(MeetingGuidance) private readonly guidance: Repository<MeetingGuidance>) {}

  private visible(qb: SelectQueryBuilder<MeetingGuidance>, principal: Principal): SelectQueryBuilder<MeetingGuidance> {
    const path = scopePath(principal);
    const audience = audienceOf(principal);
    if (path === null) return qb; // an admin of the whole tree
    const published = audience && audience.length ? `(g.published_at IS NOT NULL AND g.committee_id IN (:...guidanceAudience))` : '1 = 0';
    return qb.andWhere(
      `(g.committee_id IN (SELECT gc.id FROM committees gc WHERE ${subtreeOf('gc.path', ':guidanceScope')}) OR ${published})`,
      { guidanceScope: path, guidanceAudience: audience ?? [] },
    );
  }

  list(principal: Principal, query: AdminListQuery): Promise<ListPage<MeetingGuidance>> {
    const qb = this.guidance.createQueryBuilder('g').leftJoinAndSelect('g.committee', 'committee');
    return runListQuery(this.visible(qb, principal), GUIDANCE_LIST, query);
  }

  /** Guidance the caller may read (its subtree's, or published by its chain), with its committee; else the 404. */
  async findVisible(tx: Tx, principal: Principal, id: string): Promise<MeetingGuidance> {
    if (!isUuid(id)) throw MeetingErrors.guidanceNotFound();
    const qb = tx
      .getRepository(MeetingGuidance)
      .createQueryBuilder('g')
      .leftJoinAndSelect('g.committee', 'committee')
      .where('g.id = :id', { id });
    const row = await this.visible(qb, principal).getOne();
    if (!row) throw MeetingErrors.guidanceNotFound();
    return row;
  }

  /** Guidance written by a committee of the caller's subtree (the only kind they change); else the 404. */
  findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<MeetingGuidance> {
    return findInScopeOr404(tx, MeetingGuidance, principal, id, {
      alias: 'g',
      scope: { committeeIdColumn: 'g.committee_id' },
      notFound: MeetingErrors.guidanceNotFound,
      lock,
    });
  }

  /** Published guidance of one of `chainIds` (a branch's chain, root first), or null. */
  async findPublishedForChain(tx: Tx, chainIds: number[], id: string): Promise<MeetingGuidance | null> {
    if (!isUuid(id) || !chainIds.length) return null;
    return tx.getRepository(MeetingGuidance).findOneBy({ id, committeeId: In(chainIds), publishedAt: Not(IsNull()) });
  }

  insert(tx: Tx, values: Partial<MeetingGuidance>): Promise<MeetingGuidance> {
    return tx.save(tx.create(MeetingGuidance, values));
  }

  async update(tx: Tx, id: string, changes: Partial<MeetingGuidance>): Promise<void> {
    if (Object.keys(changes).length) await tx.update(MeetingGuidance, { id }, changes);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(MeetingGuidance, { id });
  }
}
