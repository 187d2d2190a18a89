import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import type { Committee } from '../committees/committee.entity.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { CreateMemberDto, TransferMemberDto, UpdateMemberDto } from './dto/member.dto.js';
import { toMemberResponse, toTransferResponse, type MemberResponse, type MemberTransferResponse } from './dto/member.response.js';
import type { Member } from './member.entity.js';
import type { TransferKind } from './member-transfer.entity.js';
import { MemberIdentityService, shownMember } from './member-identity.service.js';
import { MemberLifecycle } from './member-lifecycle.js';
import { MemberPushStatus } from './member-push-status.js';
import { MemberRepository, type CurrentMember } from './member.repository.js';
import { MemberErrors } from './members.errors.js';
import { MEMBER_COMMITTEE_KINDS, memberStateProblems } from './members.rules.js';
import { problemMessages } from './record-problems.js';
import { refuseCleared } from '../common/validation.js';

const today = () => localDate();

@Injectable()
export class MembersService {
  constructor(
    private readonly tx: Transactions,
    private readonly members: MemberRepository,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly identity: MemberIdentityService,
    private readonly lifecycle: MemberLifecycle,
    private readonly pushStatus: MemberPushStatus,
  ) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<MemberResponse>> {
    const page = await this.members.list(this.tx.none, principal, query);
    await this.audit.recordNow(principal, {
      action: 'member.list',
      entityType: 'member',
      committeeId: principal.committeeId,
      details: { filter: query.filter ?? null, range: query.range ?? null, returned: page.items.length, total: page.total },
    });
    // the rows are the response's items (member.repository.ts LIST_SELECT) but for pushEnabled
    const withPush = await this.pushStatus.withPush(page.items.map((m) => m.id));
    for (const m of page.items) m.pushEnabled = withPush.has(m.id);
    return page;
  }

  async get(principal: Principal, id: string): Promise<MemberResponse> {
    return this.respondOne(await this.findInScope(this.tx.none, principal, id));
  }

  /**
   * The member with its branch if it lies in the caller's scope, else the member 404 (other modules
   * check a member id with it). `lock` takes the member row FOR UPDATE in `tx`.
   */
  async findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Member> {
    const member = await this.members.findInScope(tx, principal, id, lock);
    // the member lies in the caller's scope, so its branch does too
    member.committee = await this.committees.findInScope(tx, principal, member.committeeId);
    return member;
  }

  async create(principal: Principal, dto: CreateMemberDto): Promise<MemberResponse> {
    return this.tx.run(async (m) => {
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
        activityHold: dto.activityHold ?? null,
        activityHoldSince: dto.activityHoldSince ?? null,
        activityHoldNote: dto.activityHoldNote ?? null,
        phone: dto.phone ?? null,
        email: dto.email?.toLowerCase() ?? null,
        committeeId: committee.id,
        notInstalledReason: dto.notInstalledReason ?? null,
        endState: null,
        endedAt: null,
        installedAt: null,
      };
      const problems = memberStateProblems(values);
      if (Object.keys(problems).length) throw ApiError.validation(problemMessages(problems));
      // a number held outside the caller's scope is answered like a free one (member-identity.service.ts)
      const placed = await this.identity.place(
        m,
        principal,
        { id: null, committeeId: committee.id, path: committee.path },
        {
          partyCardNumber: values.partyCardNumber,
          externalId: values.externalId,
        },
      );
      const saved = await this.members.insert(m, { ...values, ...placed.columns });
      await this.identity.record(
        m,
        principal,
        placed.conflicts.map((c) => ({ ...c, memberId: saved.id })),
      );
      await this.audit.record(m, principal, {
        action: 'member.create',
        entityType: 'member',
        entityId: saved.id,
        committeeId: committee.id,
        details: { fullName: saved.fullName, status: saved.status, ...(saved.activityHold ? { activityHold: saved.activityHold } : {}) },
      });
      saved.committee = committee;
      // a new record has no app install yet
      return toMemberResponse(saved, false);
    });
  }

  async update(principal: Principal, id: string, dto: UpdateMemberDto): Promise<MemberResponse> {
    const updated = await this.tx.run(async (m) => {
      const stored = await this.findInScope(m, principal, id, true);
      // rules, diffs and the audit see the numbers as the caller does (pending ones in place)
      const member = shownMember(stored);
      const { committeeId, ...fields } = dto;
      // PartialType lets null through `@IsOptional()`; these fields cannot be cleared
      refuseCleared(dto, ['fullName', 'gender', 'birthDate', 'status', 'admittedAt', 'exempted', 'committeeId']);
      const changes: Partial<Member> = { ...fields };
      if (changes.fullName !== undefined) changes.fullName = changes.fullName.trim();
      if (changes.email) changes.email = changes.email.toLowerCase();
      if (changes.exempted === false) {
        changes.exemptedAt ??= null;
        changes.exemptedReason ??= null;
      }
      if (changes.activityHold === null) {
        changes.activityHoldSince ??= null;
        changes.activityHoldNote ??= null;
      }
      if (changes.endState) changes.endedAt ??= member.endedAt ?? today();
      if (changes.endState === null) {
        changes.endedAt ??= null;
        changes.endReason ??= null;
      }
      if (changes.status === 'official' && member.status === 'probationary') changes.officialAt ??= today();
      const after = { ...member, ...changes };
      const problems = memberStateProblems(after);
      if (Object.keys(problems).length) throw ApiError.validation(problemMessages(problems));
      if (member.endState && changes.endState !== null && committeeId !== undefined && committeeId !== member.committeeId) {
        throw MemberErrors.hasLeft();
      }
      // identity numbers: an unchanged one keeps its column; a new one is placed (member-identity.service.ts)
      const identity: { partyCardNumber?: string | null; externalId?: string | null } = {};
      for (const f of ['partyCardNumber', 'externalId'] as const) {
        if (changes[f] !== undefined && changes[f] !== member[f]) identity[f] = changes[f];
        delete changes[f];
      }
      const placed = await this.identity.place(
        m,
        principal,
        { id, committeeId: stored.committeeId, path: stored.committee!.path },
        identity,
      );
      const changed = diff(member, { ...changes, ...identity });
      await this.identity.record(
        m,
        principal,
        placed.conflicts.map((c) => ({ ...c, memberId: id })),
        (Object.keys(identity) as (keyof typeof identity)[]).map((field) => ({ memberId: id, field })),
      );
      if (Object.keys(changed).length) {
        await this.members.update(m, id, { ...changes, ...placed.columns });
        // leaving the register ends the member's access to the app at once (the accounts module's hook)
        if (changes.endState && !member.endState) await this.lifecycle.left(m, id);
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
      return this.findInScope(m, principal, id);
    });
    return this.respondOne(updated);
  }

  async transfer(principal: Principal, id: string, dto: TransferMemberDto): Promise<MemberResponse> {
    const moved = await this.tx.run(async (m) => {
      const member = await this.findInScope(m, principal, id, true);
      if (member.endState) throw MemberErrors.hasLeft();
      if (dto.committeeId === member.committeeId) throw MemberErrors.sameBranch();
      await this.moveMember(m, principal, member, dto);
      return this.findInScope(m, principal, id);
    });
    return this.respondOne(moved);
  }

  /** The response rows of a page, with who has push enabled (one query for the page, after any transaction). */
  private async respond(members: Member[]): Promise<MemberResponse[]> {
    const withPush = await this.pushStatus.withPush(members.map((m) => m.id));
    return members.map((m) => toMemberResponse(m, withPush.has(m.id)));
  }

  private async respondOne(member: Member): Promise<MemberResponse> {
    const [response] = await this.respond([member]);
    return response;
  }

  async transfers(principal: Principal, id: string): Promise<MemberTransferResponse[]> {
    await this.findInScope(this.tx.none, principal, id);
    const rows = await this.members.transfersOf(this.tx.none, id);
    return rows.map(toTransferResponse);
  }

  /** Moves a member to another branch in scope and keeps the dated history row. */
  async moveMember(
    m: Tx,
    principal: Principal,
    member: Member,
    move: { committeeId: number; transferredOn?: string; kind?: TransferKind; reason?: string },
  ): Promise<void> {
    const target = await this.memberCommittee(m, principal, move.committeeId);
    const on = move.transferredOn ?? today();
    if (on > today()) throw MemberErrors.transferInFuture();
    await this.members.update(m, member.id, { committeeId: target.id });
    // the member's app account follows them: its home committee is their branch (the accounts module's hook)
    await this.lifecycle.moved(m, member.id, target.id);
    await this.members.insertTransfer(m, {
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
  private async memberCommittee(m: Tx, principal: Principal, committeeId: number): Promise<Committee> {
    const committee = await this.committees.findReferenced(m, principal, committeeId, MemberErrors.committeeNotFound);
    if (committee.archivedAt) throw MemberErrors.committeeArchived();
    if (!MEMBER_COMMITTEE_KINDS.includes(committee.kind)) throw MemberErrors.notABranch();
    return committee;
  }

  /** The committee of a current member (not ended), or null when there is no such member. */
  currentCommitteeId(tx: Tx, memberId: string): Promise<number | null> {
    return this.members.currentCommitteeId(tx, memberId);
  }

  /** The current members (not ended) of this one committee, with their standing, exemption and activity hold: e.g. a meeting's invited. */
  currentOf(tx: Tx, committeeId: number): Promise<CurrentMember[]> {
    return this.members.currentOf(tx, committeeId);
  }

  /** How many current members (not ended) the subtree of this committee holds: e.g. a survey's invited. */
  countCurrentInSubtree(tx: Tx, committeeId: number): Promise<number> {
    return this.members.countCurrentInSubtree(tx, committeeId);
  }
}
