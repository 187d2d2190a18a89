import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { toIdentityConflictResponse, type IdentityConflictResponse, type ResolveIdentityConflictDto } from './dto/identity-conflict.dto.js';
import { IdentityConflictRepository } from './identity-conflict.repository.js';
import type { Member } from './member.entity.js';
import type { MemberIdentityConflict } from './member-identity-conflict.entity.js';
import { IDENTITY_COLUMNS } from './member-identity.service.js';
import { MemberLifecycle } from './member-lifecycle.js';
import { MemberRepository } from './member.repository.js';
import { MemberErrors } from './members.errors.js';
import { MembersService } from './members.service.js';

/**
 * Pending duplicate identity numbers (member-identity.service.ts records them), listed and resolved
 * by the staff of the lowest committee covering both records: it is scoped by that committee, so
 * the writer (whose scope lies below it) never sees one.
 */
@Injectable()
export class IdentityConflictsService {
  constructor(
    private readonly tx: Transactions,
    private readonly conflicts: IdentityConflictRepository,
    private readonly memberRows: MemberRepository,
    private readonly members: MembersService,
    private readonly lifecycle: MemberLifecycle,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<IdentityConflictResponse>> {
    const page = await this.conflicts.list(this.tx.none, principal, query);
    return { ...page, items: page.items.map(toIdentityConflictResponse) };
  }

  async get(principal: Principal, id: string): Promise<IdentityConflictResponse> {
    return toIdentityConflictResponse(await this.findInScope(this.tx.none, principal, id));
  }

  async resolve(principal: Principal, id: string, dto: ResolveIdentityConflictDto): Promise<IdentityConflictResponse> {
    return this.tx.run(async (m) => {
      const conflict = await this.findInScope(m, principal, id, true);
      if (conflict.status !== 'pending' || !conflict.memberId || !conflict.holderId) throw MemberErrors.identityConflictDecided();
      const { unique, pending } = IDENTITY_COLUMNS[conflict.field];
      const member = await this.memberRows.lockById(m, conflict.memberId);
      const holder = await this.memberRows.lockById(m, conflict.holderId);
      const note = dto.note?.trim() || null;
      const value = conflict.value;
      const via = { identityConflictId: conflict.id, outcome: dto.outcome };
      const clear = async (record: Member) => {
        const changes: Partial<Member> = {};
        if (record[unique] === value) changes[unique] = null;
        if (record[pending] === value) changes[pending] = null;
        if (Object.keys(changes).length) {
          await this.memberRows.update(m, record.id, changes);
          // the branch of the record reads it in its audit log (and sees the number gone from the record)
          await this.audit.record(m, principal, {
            action: 'member.update',
            entityType: 'member',
            entityId: record.id,
            committeeId: record.committeeId,
            details: { changes: { [conflict.field]: [value, null] }, ...via },
          });
        }
      };

      if (dto.outcome === 'keep_existing') {
        await clear(member);
      } else if (dto.outcome === 'keep_new') {
        await clear(holder);
        await this.memberRows.update(m, member.id, { [unique]: value, [pending]: null });
        // other records waiting on the same number now wait on the one that keeps it
        await this.conflicts.moveHolder(m, conflict, holder.id, member.id);
      } else {
        // same person: keep the existing record (its history, account, trainings), moved to the branch that entered them
        if (await this.lifecycle.hasAccount(m, member.id)) throw MemberErrors.duplicateHasAccount();
        await this.audit.record(m, principal, {
          action: 'member.delete',
          entityType: 'member',
          entityId: member.id,
          committeeId: member.committeeId,
          details: { duplicateOf: holder.id, record: { ...member }, ...via },
        });
        // the duplicate's other waiting numbers go with it
        await this.conflicts.withdrawOthersOf(m, member.id, principal.id, conflict.id);
        await this.memberRows.delete(m, member.id);
        if (holder.endState) {
          await this.memberRows.update(m, holder.id, { endState: null, endedAt: null, endReason: null });
        }
        if (holder.committeeId !== member.committeeId) {
          await this.members.moveMember(m, principal, holder, {
            committeeId: member.committeeId,
            kind: 'official',
            reason: `Xác minh trùng ${conflict.field === 'partyCardNumber' ? 'số thẻ đảng' : 'mã định danh'}: cùng một người`,
          });
        }
      }
      await this.conflicts.update(m, conflict.id, {
        status: 'resolved',
        outcome: dto.outcome,
        note,
        resolvedBy: principal.id,
        resolvedAt: new Date(),
      });
      await this.audit.record(m, principal, {
        action: 'member.identity_conflict.resolve',
        entityType: 'member_identity_conflict',
        entityId: conflict.id,
        committeeId: conflict.committeeId,
        details: {
          outcome: dto.outcome,
          field: conflict.field,
          value,
          memberId: member.id,
          memberCommitteeId: member.committeeId,
          holderId: holder.id,
          holderCommitteeId: holder.committeeId,
          note,
        },
      });
      return toIdentityConflictResponse(await this.findInScope(m, principal, id));
    });
  }

  private findInScope(m: Tx, principal: Principal, id: string, lock = false): Promise<MemberIdentityConflict> {
    return this.conflicts.findInScope(m, principal, id, lock);
  }
}
