import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { MemberTransfer } from './member-transfer.entity.js';
import { Member } from './member.entity.js';

/**
 * Member rows as other modules need them (self-service, the personal-data export): one record by
 * id, in the caller's scope or not, the member's own changes and their transfer history.
 * (Added by the self-service refactor; fold into the members repository when they meet.)
 */
@Injectable()
export class MemberRecordsRepository {
  /** The record by id, locked `FOR UPDATE` when asked. */
  byId(tx: Tx, id: string, lock = false): Promise<Member | null> {
    const qb = tx.getRepository(Member).createQueryBuilder('m').where('m.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The record by id if its branch lies in the caller's subtree, locked when asked. */
  inScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Member | null> {
    const qb = scopeByCommittee(tx.getRepository(Member).createQueryBuilder('m'), principal, 'm.committee_id').andWhere('m.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async update(tx: Tx, id: string, values: Partial<Member>): Promise<void> {
    await tx.update(Member, { id }, values);
  }

  /** The member's transfers, oldest first, with both committees (for their names). */
  transfersOf(tx: Tx, memberId: string): Promise<MemberTransfer[]> {
    return tx.getRepository(MemberTransfer).find({
      where: { memberId },
      relations: { fromCommittee: true, toCommittee: true },
      order: { transferredOn: 'ASC', createdAt: 'ASC' },
    });
  }
}
