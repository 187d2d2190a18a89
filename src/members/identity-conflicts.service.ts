import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { enumFilter, idsFilter, runListQuery, subtreeFilter, type AdminListQuery, type ListPage, type ListSpec } from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import { Committee } from '../committees/committee.entity.js';
import { toIdentityConflictResponse, type IdentityConflictResponse, type ResolveIdentityConflictDto } from './dto/identity-conflict.dto.js';
import { Member } from './member.entity.js';
import { CONFLICT_STATUSES, IDENTITY_FIELDS, MemberIdentityConflict } from './member-identity-conflict.entity.js';
import { IDENTITY_COLUMNS } from './member-identity.service.js';
import { MemberErrors } from './members.errors.js';
import { MembersService } from './members.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CONFLICT_LIST: ListSpec<MemberIdentityConflict> = {
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

/**
 * Pending duplicate identity numbers (member-identity.service.ts records them), listed and resolved
 * by the staff of the lowest committee covering both records: it is scoped by that committee, so
 * the writer (whose scope lies below it) never sees one.
 */
@Injectable()
export class IdentityConflictsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly members: MembersService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<IdentityConflictResponse>> {
    const page = await runListQuery(this.query(this.db.manager, principal), CONFLICT_LIST, query);
    return { ...page, items: page.items.map(toIdentityConflictResponse) };
  }

  async get(principal: Principal, id: string): Promise<IdentityConflictResponse> {
    return toIdentityConflictResponse(await this.findInScope(this.db.manager, principal, id));
  }

  async resolve(principal: Principal, id: string, dto: ResolveIdentityConflictDto): Promise<IdentityConflictResponse> {
    return this.db.transaction(async (m) => {
      const conflict = await this.findInScope(m, principal, id, true);
      if (conflict.status !== 'pending' || !conflict.memberId || !conflict.holderId) throw MemberErrors.identityConflictDecided();
      const { unique, pending } = IDENTITY_COLUMNS[conflict.field];
      const lock = async (memberId: string) =>
        m.getRepository(Member).createQueryBuilder('m').where('m.id = :memberId', { memberId }).setLock('pessimistic_write').getOneOrFail();
      const member = await lock(conflict.memberId);
      const holder = await lock(conflict.holderId);
      const note = dto.note?.trim() || null;
      const value = conflict.value;
      const via = { identityConflictId: conflict.id, outcome: dto.outcome };
      const clear = async (record: Member) => {
        const changes: Partial<Member> = {};
        if (record[unique] === value) changes[unique] = null;
        if (record[pending] === value) changes[pending] = null;
        if (Object.keys(changes).length) {
          await m.update(Member, { id: record.id }, changes);
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
        await m.update(Member, { id: member.id }, { [unique]: value, [pending]: null });
        // other records waiting on the same number now wait on the one that keeps it
        await m.query(
          `UPDATE member_identity_conflicts SET holder_id = $1 WHERE status = 'pending' AND holder_id = $2 AND field = $3 AND value = $4 AND id <> $5`,
          [member.id, holder.id, conflict.field, value, conflict.id],
        );
      } else {
        // same person: keep the existing record (its history, account, trainings), moved to the branch that entered them
        const accounts = await m.query(`SELECT 1 FROM users WHERE member_id = $1 LIMIT 1`, [member.id]);
        if (accounts.length) throw MemberErrors.duplicateHasAccount();
        await this.audit.record(m, principal, {
          action: 'member.delete',
          entityType: 'member',
          entityId: member.id,
          committeeId: member.committeeId,
          details: { duplicateOf: holder.id, record: { ...member }, ...via },
        });
        // the duplicate's other waiting numbers go with it
        await m.query(
          `UPDATE member_identity_conflicts SET status = 'withdrawn', resolved_at = now(), resolved_by = $2
            WHERE status = 'pending' AND (member_id = $1 OR holder_id = $1) AND id <> $3`,
          [member.id, principal.id, conflict.id],
        );
        await m.delete(Member, { id: member.id });
        if (holder.endState) {
          await m.update(Member, { id: holder.id }, { endState: null, endedAt: null, endReason: null });
        }
        if (holder.committeeId !== member.committeeId) {
          await this.members.moveMember(m, principal, holder, {
            committeeId: member.committeeId,
            kind: 'official',
            reason: `Xác minh trùng ${conflict.field === 'partyCardNumber' ? 'số thẻ đảng' : 'mã định danh'}: cùng một người`,
          });
        }
      }
      await m.update(MemberIdentityConflict, { id: conflict.id }, {
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

  private query(m: EntityManager, principal: Principal) {
    const qb = m
      .getRepository(MemberIdentityConflict)
      .createQueryBuilder('x')
      .leftJoinAndSelect('x.member', 'mm')
      .leftJoinAndMapOne('mm.committee', Committee, 'mc', 'mc.id = mm.committee_id')
      .leftJoinAndSelect('x.holder', 'hm')
      .leftJoinAndMapOne('hm.committee', Committee, 'hc', 'hc.id = hm.committee_id')
      .leftJoinAndSelect('x.committee', 'xc');
    return scopeByCommittee(qb, principal, 'x.committee_id');
  }

  private async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<MemberIdentityConflict> {
    if (!UUID.test(id)) throw MemberErrors.identityConflictNotFound();
    if (lock) {
      const locked = await scopeByCommittee(m.getRepository(MemberIdentityConflict).createQueryBuilder('x'), principal, 'x.committee_id')
        .andWhere('x.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!locked) throw MemberErrors.identityConflictNotFound();
    }
    const conflict = await this.query(m, principal).andWhere('x.id = :id', { id }).getOne();
    if (!conflict) throw MemberErrors.identityConflictNotFound();
    return conflict;
  }
}
