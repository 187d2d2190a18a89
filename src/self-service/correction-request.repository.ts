import { Injectable } from '@nestjs/common';
import { runListQuery, type AdminListQuery, type ListPage, type ListSpec } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404, scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { CorrectionRequest, type CorrectionChanges } from './correction-request.entity.js';
import { CorrectionErrors } from './self-service.errors.js';

/** The `member_correction_requests` table. */
@Injectable()
export class CorrectionRequestRepository {
  countPending(tx: Tx, memberId: string): Promise<number> {
    return tx.countBy(CorrectionRequest, { memberId, status: 'pending' });
  }

  create(
    tx: Tx,
    values: { memberId: string; committeeId: number; changes: CorrectionChanges; reason: string },
  ): Promise<CorrectionRequest> {
    return tx.save(tx.create(CorrectionRequest, { ...values, status: 'pending' }));
  }

  /** Newest first (the member's list). */
  newestFirst(tx: Tx, memberId: string): Promise<CorrectionRequest[]> {
    return tx.getRepository(CorrectionRequest).find({ where: { memberId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** Oldest first (the personal-data export). */
  oldestFirst(tx: Tx, memberId: string): Promise<CorrectionRequest[]> {
    return tx.find(CorrectionRequest, { where: { memberId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The staff list, scoped by the branch the request was made in. The member's name and the
   * branch's name are joined for display and for the `q` search (read only).
   */
  list(tx: Tx, principal: Principal, spec: ListSpec, query: AdminListQuery): Promise<ListPage<CorrectionRequest>> {
    const qb = tx
      .getRepository(CorrectionRequest)
      .createQueryBuilder('r')
      .leftJoin('r.member', 'm')
      .addSelect(['m.id', 'm.fullName'])
      .leftJoin('r.committee', 'c')
      .addSelect(['c.id', 'c.name']);
    scopeByCommittee(qb, principal, 'r.committee_id');
    return runListQuery(qb, spec, query);
  }

  /** The request if its branch lies in the caller's subtree; otherwise CorrectionErrors.notFound, the same for every reason. */
  findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<CorrectionRequest> {
    return findInScopeOr404(tx, CorrectionRequest, principal, id, {
      alias: 'r',
      scope: { committeeIdColumn: 'r.committee_id' },
      notFound: CorrectionErrors.notFound,
      lock,
    });
  }

  async decide(
    tx: Tx,
    id: string,
    decision: Pick<CorrectionRequest, 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote'>,
  ): Promise<void> {
    await tx.update(CorrectionRequest, { id }, decision);
  }
}
