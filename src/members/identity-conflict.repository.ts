import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import {
  enumFilter,
  idsFilter,
  runListQuery,
  subtreeFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404, scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { CONFLICT_STATUSES, IDENTITY_FIELDS, MemberIdentityConflict, type IdentityField } from './member-identity-conflict.entity.js';
import { MemberErrors } from './members.errors.js';

const CONFLICT_LIST: ListSpec = {
  sortable: { id: 'x.id', createdAt: 'x.createdAt', status: 'x.status', field: 'x.field', resolvedAt: 'x.resolvedAt' },
  defaultSort: ['createdAt', 'DESC'],
  tieBreaker: 'x.id',
  filters: {
    id: idsFilter('x.id', 'uuid'),
    status: enumFilter('x.status', CONFLICT_STATUSES),
    field: enumFilter('x.field', IDENTITY_FIELDS),
    committeeId: subtreeFilter('x.committee_id'),
  },
};

/** A conflict to record: its id is chosen by the caller (the audit line names it). */
export interface NewConflictRow {
  id: string;
  field: IdentityField;
  value: string;
  memberId: string;
  holderId: string;
  committeeId: number;
}

const SCOPE = { committeeIdColumn: 'x.committee_id' };

/** `member_identity_conflicts`: pending duplicate identity numbers, scoped by the committee that verifies them. */
@Injectable()
export class IdentityConflictRepository {
  /** Both records and the three committees' names joined, for responses. */
  private withRecords(qb: SelectQueryBuilder<MemberIdentityConflict>): SelectQueryBuilder<MemberIdentityConflict> {
    return qb
      .leftJoinAndSelect('x.member', 'mm')
      .leftJoinAndSelect('mm.committee', 'mc')
      .leftJoinAndSelect('x.holder', 'hm')
      .leftJoinAndSelect('hm.committee', 'hc')
      .leftJoinAndSelect('x.committee', 'xc');
  }

  list(tx: Tx, principal: Principal, query: AdminListQuery): Promise<ListPage<MemberIdentityConflict>> {
    const qb = scopeByCommittee(
      this.withRecords(tx.getRepository(MemberIdentityConflict).createQueryBuilder('x')),
      principal,
      'x.committee_id',
    );
    return runListQuery(qb, CONFLICT_LIST, query);
  }

  /**
   * The conflict with both records, if its committee lies in the caller's scope; else the 404.
   * `lock` first takes the conflict row alone FOR UPDATE (the joins are on the nullable side).
   */
  async findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<MemberIdentityConflict> {
    const notFound = MemberErrors.identityConflictNotFound;
    if (lock) await findInScopeOr404(tx, MemberIdentityConflict, principal, id, { alias: 'x', scope: SCOPE, notFound, lock: true });
    return findInScopeOr404(tx, MemberIdentityConflict, principal, id, {
      alias: 'x',
      scope: SCOPE,
      notFound,
      build: (qb) => this.withRecords(qb),
    });
  }

  /** Withdraws the pending conflicts of (member, field) pairs whose value was just changed again. Always one statement. */
  async withdrawReplaced(tx: Tx, replaced: { memberId: string; field: IdentityField }[], actorId: string): Promise<void> {
    await tx.query(
      `UPDATE member_identity_conflicts c SET status = 'withdrawn', resolved_at = now(), resolved_by = $2::uuid
         FROM jsonb_to_recordset($1::jsonb) AS r(member_id uuid, field varchar)
        WHERE c.status = 'pending' AND c.member_id = r.member_id AND c.field = r.field`,
      [JSON.stringify(replaced.map((r) => ({ member_id: r.memberId, field: r.field }))), actorId],
    );
  }

  /** Inserts the conflicts (pending). Always one statement, even for none. */
  async insertMany(tx: Tx, rows: NewConflictRow[], actorId: string): Promise<void> {
    await tx.query(
      `INSERT INTO member_identity_conflicts (id, field, value, member_id, holder_id, committee_id, created_by)
       SELECT r.id, r.field, r.value, r.member_id, r.holder_id, r.committee_id, $2::uuid
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, field varchar, value varchar, member_id uuid, holder_id uuid, committee_id integer)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            field: r.field,
            value: r.value,
            member_id: r.memberId,
            holder_id: r.holderId,
            committee_id: r.committeeId,
          })),
        ),
        actorId,
      ],
    );
  }

  /** Other records waiting on the same number now wait on `newHolderId`, the one that keeps it. */
  async moveHolder(
    tx: Tx,
    conflict: Pick<MemberIdentityConflict, 'id' | 'field' | 'value'>,
    oldHolderId: string,
    newHolderId: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE member_identity_conflicts SET holder_id = $1 WHERE status = 'pending' AND holder_id = $2 AND field = $3 AND value = $4 AND id <> $5`,
      [newHolderId, oldHolderId, conflict.field, conflict.value, conflict.id],
    );
  }

  /** Withdraws every other pending conflict about `memberId` (as the record or the holder). */
  async withdrawOthersOf(tx: Tx, memberId: string, actorId: string, exceptId: string): Promise<void> {
    await tx.query(
      `UPDATE member_identity_conflicts SET status = 'withdrawn', resolved_at = now(), resolved_by = $2
            WHERE status = 'pending' AND (member_id = $1 OR holder_id = $1) AND id <> $3`,
      [memberId, actorId, exceptId],
    );
  }

  async update(tx: Tx, id: string, changes: Partial<MemberIdentityConflict>): Promise<void> {
    await tx.update(MemberIdentityConflict, { id }, changes);
  }
}
