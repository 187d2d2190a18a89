import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService, diff } from '../audit/audit.service.js';
import { MEMBER_HOLDING_KINDS } from '../committees/committees.rules.js';
import {
  boolFilter,
  enumFilter,
  idsFilter,
  parseListQuery,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import type { CreateMemberDto, TransferMemberDto, UpdateMemberDto } from './dto/member.dto.js';
import { toMemberResponse, toTransferResponse, type MemberResponse, type MemberTransferResponse } from './dto/member.response.js';
import { END_STATES, GENDERS, Member, MEMBER_STATUSES, NOT_INSTALLED_REASONS } from './member.entity.js';
import { MemberTransfer, type TransferKind } from './member-transfer.entity.js';
import { MemberIdentityService, shownMember } from './member-identity.service.js';
import { MemberErrors, memberStateProblems } from './members.errors.js';

/** `current` (the default: not left), `left`, or `all`. */
const registerFilter: FilterHandler<Member> = (qb, value) => {
  if (value === 'current') qb.andWhere('m.end_state IS NULL');
  else if (value === 'left') qb.andWhere('m.end_state IS NOT NULL');
  else if (value !== 'all') throw ApiError.badRequest('register must be current, left or all', { filter: 'register must be current, left or all' }, 'INVALID_LIST_QUERY');
};

export const MEMBER_LIST: ListSpec<Member> = {
  sortable: {
    id: 'm.id',
    fullName: 'm.fullName',
    birthDate: 'm.birthDate',
    status: 'm.status',
    admittedAt: 'm.admittedAt',
    installedAt: 'm.installedAt',
    committeeId: 'm.committeeId',
    createdAt: 'm.createdAt',
    updatedAt: 'm.updatedAt',
  },
  defaultSort: ['fullName', 'ASC'],
  tieBreaker: 'm.id',
  filters: {
    id: idsFilter('m.id', 'uuid'),
    // a number waiting for verification is found like one held (member-identity.service.ts)
    q: searchFilter('m.full_name', 'm.party_card_number', 'm.pending_party_card_number'),
    status: enumFilter('m.status', MEMBER_STATUSES),
    gender: enumFilter('m.gender', GENDERS),
    exempted: boolFilter((v) => (v ? 'm.exempted' : 'NOT m.exempted')),
    installed: boolFilter((v) => (v ? 'm.installed_at IS NOT NULL' : 'm.installed_at IS NULL')),
    notInstalledReason: enumFilter('m.not_installed_reason', NOT_INSTALLED_REASONS),
    endState: enumFilter('m.end_state', END_STATES),
    committeeId: subtreeFilter('m.committee_id'),
    register: registerFilter,
  },
};

const today = () => localDate();
const MEMBER_COMMITTEE_KINDS: readonly string[] = MEMBER_HOLDING_KINDS;

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly identity: MemberIdentityService,
  ) {}

  /** The scoped query every member read starts from (list, export, get). */
  scopedQuery(m: EntityManager, principal: Principal, query: AdminListQuery): SelectQueryBuilder<Member> {
    const qb = scopeByCommittee(m.getRepository(Member).createQueryBuilder('m').leftJoinAndSelect('m.committee', 'c'), principal, 'm.committee_id');
    const filter = parseListQuery(query, MEMBER_LIST).filter;
    if (filter.register === undefined && filter.id === undefined && filter.endState === undefined) qb.andWhere('m.end_state IS NULL');
    return qb;
  }

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<MemberResponse>> {
    const page = await runListQuery(this.scopedQuery(this.db.manager, principal, query), MEMBER_LIST, query);
    await this.audit.recordNow(principal, {
      action: 'member.list',
      entityType: 'member',
      committeeId: principal.committeeId,
      details: { filter: query.filter ?? null, range: query.range ?? null, returned: page.items.length, total: page.total },
    });
    return { ...page, items: page.items.map(toMemberResponse) };
  }

  async get(principal: Principal, id: string): Promise<MemberResponse> {
    return toMemberResponse(await this.findInScope(this.db.manager, principal, id));
  }

  async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<Member> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw MemberErrors.notFound();
    const qb = scopeByCommittee(m.getRepository(Member).createQueryBuilder('m'), principal, 'm.committee_id').andWhere('m.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const member = await qb.getOne();
    if (!member) throw MemberErrors.notFound();
    member.committee = (await m.findOneBy(Committee, { id: member.committeeId })) ?? undefined;
    return member;
  }

  async create(principal: Principal, dto: CreateMemberDto): Promise<MemberResponse> {
    return this.db.transaction(async (m) => {
      const committee = await this.memberCommittee(m, principal, dto.committeeId);
      const values = {
        fullName: dto.fullName.trim(),
        gender: dto.gender,
        birthDate: dto.birthDate,
        partyCardNumber: dto.partyCardNumber ?? null,
        externalId: dto.externalId ?? null,
        status: dto.status,
        admittedAt: dto.admittedAt,
        officialAt: dto.officialAt ?? null,
        exempted: dto.exempted ?? false,
        exemptedAt: dto.exemptedAt ?? null,
        exemptedReason: dto.exemptedReason ?? null,
        phone: dto.phone ?? null,
        email: dto.email?.toLowerCase() ?? null,
        committeeId: committee.id,
        notInstalledReason: dto.notInstalledReason ?? null,
        endState: null,
        endedAt: null,
        installedAt: null,
      };
      const problems = memberStateProblems(values);
      if (Object.keys(problems).length) throw ApiError.validation(problems);
      // a number held outside the caller's scope is answered like a free one (member-identity.service.ts)
      const placed = await this.identity.place(m, principal, { id: null, committeeId: committee.id, path: committee.path }, {
        partyCardNumber: values.partyCardNumber,
        externalId: values.externalId,
      });
      const saved = await m.save(m.create(Member, { ...values, ...placed.columns }));
      await this.identity.record(m, principal, placed.conflicts.map((c) => ({ ...c, memberId: saved.id })));
      await this.audit.record(m, principal, {
        action: 'member.create',
        entityType: 'member',
        entityId: saved.id,
        committeeId: committee.id,
        details: { fullName: saved.fullName, status: saved.status },
      });
      saved.committee = committee;
      return toMemberResponse(saved);
    });
  }

  async update(principal: Principal, id: string, dto: UpdateMemberDto): Promise<MemberResponse> {
    return this.db.transaction(async (m) => {
      const stored = await this.findInScope(m, principal, id, true);
      // rules, diffs and the audit see the numbers as the caller does (pending ones in place)
      const member = shownMember(stored);
      const { committeeId, ...fields } = dto;
      // PartialType lets null through `@IsOptional()`; these fields cannot be cleared
      const cleared = (['fullName', 'gender', 'birthDate', 'status', 'admittedAt', 'exempted', 'committeeId'] as const).filter(
        (f) => dto[f] === null,
      );
      if (cleared.length) throw ApiError.validation(Object.fromEntries(cleared.map((f) => [f, `${f} cannot be empty`])));
      const changes: Partial<Member> = { ...fields };
      if (changes.fullName !== undefined) changes.fullName = changes.fullName.trim();
      if (changes.email) changes.email = changes.email.toLowerCase();
      if (changes.exempted === false) {
        changes.exemptedAt ??= null;
        changes.exemptedReason ??= null;
      }
      if (changes.endState) changes.endedAt ??= member.endedAt ?? today();
      if (changes.endState === null) {
        changes.endedAt ??= null;
        changes.endReason ??= null;
      }
      if (changes.status === 'official' && member.status === 'probationary') changes.officialAt ??= today();
      const after = { ...member, ...changes };
      const problems = memberStateProblems(after);
      if (Object.keys(problems).length) throw ApiError.validation(problems);
      if (member.endState && changes.endState !== null && committeeId !== undefined && committeeId !== member.committeeId) {
        throw MemberErrors.hasLeft();
      }
      // identity numbers: an unchanged one keeps its column; a new one is placed (member-identity.service.ts)
      const identity: { partyCardNumber?: string | null; externalId?: string | null } = {};
      for (const f of ['partyCardNumber', 'externalId'] as const) {
        if (changes[f] !== undefined && changes[f] !== member[f]) identity[f] = changes[f];
        delete changes[f];
      }
      const placed = await this.identity.place(m, principal, { id, committeeId: stored.committeeId, path: stored.committee!.path }, identity);
      const changed = diff(member, { ...changes, ...identity });
      await this.identity.record(
        m,
        principal,
        placed.conflicts.map((c) => ({ ...c, memberId: id })),
        (Object.keys(identity) as (keyof typeof identity)[]).map((field) => ({ memberId: id, field })),
      );
      if (Object.keys(changed).length) {
        await m.update(Member, { id }, { ...changes, ...placed.columns });
        if (changes.endState && !member.endState) {
          // leaving the register ends the member's access to the app at once
          await m.query(`UPDATE users SET is_active = false, updated_at = now() WHERE member_id = $1`, [id]);
          await m.query(
            `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'member_left'
              WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE member_id = $1)`,
            [id],
          );
        }
        await this.audit.record(m, principal, {
          action: changes.endState ? 'member.end' : 'member.update',
          entityType: 'member',
          entityId: id,
          committeeId: member.committeeId,
          details: { changes: changed },
        });
      }
      if (committeeId !== undefined && committeeId !== member.committeeId) {
        await this.moveMember(m, principal, member, { committeeId, kind: 'official' });
      }
      return toMemberResponse(await this.findInScope(m, principal, id));
    });
  }

  async transfer(principal: Principal, id: string, dto: TransferMemberDto): Promise<MemberResponse> {
    return this.db.transaction(async (m) => {
      const member = await this.findInScope(m, principal, id, true);
      if (member.endState) throw MemberErrors.hasLeft();
      if (dto.committeeId === member.committeeId) throw MemberErrors.sameBranch();
      await this.moveMember(m, principal, member, dto);
      return toMemberResponse(await this.findInScope(m, principal, id));
    });
  }

  async transfers(principal: Principal, id: string): Promise<MemberTransferResponse[]> {
    await this.findInScope(this.db.manager, principal, id);
    const rows = await this.db.getRepository(MemberTransfer).find({
      where: { memberId: id },
      relations: { fromCommittee: true, toCommittee: true },
      order: { transferredOn: 'DESC', createdAt: 'DESC' },
    });
    return rows.map(toTransferResponse);
  }

  /** Moves a member to another branch in scope and keeps the dated history row. */
  async moveMember(
    m: EntityManager,
    principal: Principal,
    member: Member,
    move: { committeeId: number; transferredOn?: string; kind?: TransferKind; reason?: string },
  ): Promise<void> {
    const target = await this.memberCommittee(m, principal, move.committeeId);
    const on = move.transferredOn ?? today();
    if (on > today()) throw ApiError.validation({ transferredOn: 'transferredOn cannot be in the future' });
    await m.update(Member, { id: member.id }, { committeeId: target.id });
    // the member's app account follows them: its home committee is their branch
    await m.query(`UPDATE users SET committee_id = $1, updated_at = now() WHERE member_id = $2`, [target.id, member.id]);
    await m.insert(MemberTransfer, {
      memberId: member.id,
      fromCommitteeId: member.committeeId,
      toCommitteeId: target.id,
      transferredOn: on,
      kind: move.kind ?? 'official',
      reason: move.reason ?? null,
      actorId: principal.id,
    });
    await this.audit.record(m, principal, {
      action: 'member.transfer',
      entityType: 'member',
      entityId: member.id,
      committeeId: target.id,
      details: { from: member.committeeId, to: target.id, on, kind: move.kind ?? 'official' },
    });
  }

  /** A committee in scope that members can belong to. */
  private async memberCommittee(m: EntityManager, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(m, principal, committeeId, MemberErrors.committeeNotFound);
    if (committee.archivedAt) throw MemberErrors.committeeArchived();
    if (!MEMBER_COMMITTEE_KINDS.includes(committee.kind)) throw MemberErrors.notABranch();
    return committee;
  }

  // ---- for other modules (added by h14-surveys) ----

  /** The committee of a current member (not ended), or null when there is no such member. */
  async currentCommitteeId(m: EntityManager, memberId: string): Promise<number | null> {
    const [member]: { committee_id: number }[] = await m.query(`SELECT mb.committee_id FROM members mb WHERE mb.id = $1 AND mb.end_state IS NULL`, [memberId]);
    return member?.committee_id ?? null;
  }

  /** How many current members (not ended) the subtree of this committee holds: e.g. a survey's invited. */
  async countCurrentInSubtree(m: EntityManager, committeeId: number): Promise<number> {
    const [{ invited }]: { invited: number }[] = await m.query(
      `SELECT count(*)::int AS invited
         FROM members mb JOIN committees c ON c.id = mb.committee_id
        WHERE mb.end_state IS NULL AND c.path <@ (SELECT path FROM committees WHERE id = $1)`,
      [committeeId],
    );
    return invited;
  }
}
