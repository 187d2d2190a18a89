import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import {
  enumFilter,
  idsFilter,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { allOrNothing, type BulkResult } from '../common/bulk.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { CommitteesService } from '../committees/committees.service.js';
import { Transactions, type Tx } from '../database/transactions.js';
import { Member } from '../members/member.entity.js';
import { MemberIdentityService, shownMember } from '../members/member-identity.service.js';
import { MemberRecordsService } from '../members/member-records.service.js';
import { CORRECTION_STATUSES, type CorrectableField, type CorrectionChanges, type CorrectionRequest } from './correction-request.entity.js';
import { CorrectionRequestRepository } from './correction-request.repository.js';
import type { ApproveCorrectionDto, CreateCorrectionDto, RejectCorrectionDto } from './dto/correction.dto.js';
import {
  toCorrectionResponse,
  toCorrectionSummary,
  toMyCorrectionResponse,
  type CorrectionResponse,
  type CorrectionSummaryResponse,
  type MyCorrectionResponse,
} from './dto/correction.response.js';
import { MeService } from './me.service.js';
import { CorrectionErrors } from './self-service.errors.js';
import { correctionProblems, MAX_PENDING_CORRECTIONS, normaliseChanges } from './self-service.rules.js';
import { CorrectionDecidedHook } from './correction-decided.hook.js';

export const CORRECTION_LIST: ListSpec = {
  sortable: { id: 'r.id', createdAt: 'r.createdAt', decidedAt: 'r.decidedAt', status: 'r.status', committeeId: 'r.committeeId' },
  defaultSort: ['createdAt', 'DESC'],
  tieBreaker: 'r.id',
  filters: {
    id: idsFilter('r.id', 'uuid'),
    q: searchFilter('m.full_name'),
    status: enumFilter('r.status', CORRECTION_STATUSES),
    memberId: idsFilter('r.member_id', 'uuid'),
    committeeId: subtreeFilter('r.committee_id'),
  },
};

/**
 * Members ask for corrections of their own record (the right to rectification); staff of the
 * branch's tree approve them, which applies the changes, or reject them.
 */
@Injectable()
export class CorrectionsService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly identity: MemberIdentityService,
    private readonly members: MemberRecordsService,
    private readonly committees: CommitteesService,
    private readonly me: MeService,
    private readonly requests: CorrectionRequestRepository,
    private readonly decidedHook: CorrectionDecidedHook,
  ) {}

  // ---- the member's side ----

  async create(principal: Principal, dto: CreateCorrectionDto): Promise<MyCorrectionResponse> {
    const reason = dto.reason.trim();
    const { changes: asked, errors } = normaliseChanges(dto.changes);
    if (!reason) errors.reason = 'reason should not be empty';
    if (!Object.keys(asked).length && !Object.keys(errors).some((k) => k.startsWith('changes.')))
      errors.changes = 'ask to correct at least one field';
    if (Object.keys(errors).length) throw ApiError.validation(errors);
    return this.tx.run(async (tx) => {
      const member = shownMember(await this.me.member(tx, principal, true));
      // only the fields that would actually change
      const changes = Object.fromEntries(
        Object.entries(asked).filter(([f, v]) => member[f as CorrectableField] !== v),
      ) as CorrectionChanges;
      if (!Object.keys(changes).length) throw ApiError.validation({ changes: 'the record already holds these values' });
      const problems = correctionProblems(member, changes);
      if (Object.keys(problems).length) throw ApiError.validation(problems);
      const pending = await this.requests.countPending(tx, member.id);
      if (pending >= MAX_PENDING_CORRECTIONS) throw CorrectionErrors.tooManyPending();
      const saved = await this.requests.create(tx, { memberId: member.id, committeeId: member.committeeId, changes, reason });
      await this.audit.record(tx, principal, {
        action: 'correction.create',
        entityType: 'correction',
        entityId: saved.id,
        committeeId: member.committeeId,
        // the field names only: the values reach the log through member.update once approved
        details: { memberId: member.id, fields: Object.keys(changes) },
      });
      return toMyCorrectionResponse(saved);
    });
  }

  async listOwn(principal: Principal): Promise<MyCorrectionResponse[]> {
    const tx = this.tx.none;
    const member = await this.me.member(tx, principal);
    return (await this.requests.newestFirst(tx, member.id)).map(toMyCorrectionResponse);
  }

  // ---- the staff side: scoped by the branch the request was made in ----

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<CorrectionSummaryResponse>> {
    const page = await this.requests.list(this.tx.none, principal, CORRECTION_LIST, query);
    await this.audit.recordNow(principal, {
      action: 'correction.list',
      entityType: 'correction',
      committeeId: principal.committeeId,
      details: { filter: query.filter ?? null, range: query.range ?? null, returned: page.items.length, total: page.total },
    });
    return { ...page, items: page.items.map(toCorrectionSummary) };
  }

  async get(principal: Principal, id: string): Promise<CorrectionResponse> {
    const tx = this.tx.none;
    const request = await this.findInScope(tx, principal, id);
    return toCorrectionResponse(request, await this.memberFor(tx, principal, request));
  }

  async approve(principal: Principal, id: string, dto: ApproveCorrectionDto): Promise<CorrectionResponse> {
    return this.tx.run(async (tx) => {
      const memberId = await this.approveIn(tx, principal, id, dto);
      return toCorrectionResponse(await this.findInScope(tx, principal, id), shownMember(await this.memberById(tx, memberId)));
    });
  }

  async reject(principal: Principal, id: string, dto: RejectCorrectionDto): Promise<CorrectionResponse> {
    const note = rejectionNote(dto);
    return this.tx.run(async (tx) => {
      await this.rejectIn(tx, principal, id, note);
      const updated = await this.findInScope(tx, principal, id);
      return toCorrectionResponse(updated, await this.memberFor(tx, principal, updated));
    });
  }

  /**
   * Approves or rejects several pending requests at once, all or nothing: each as the single
   * decision would (its scope check, rules and audit entries), one note for all.
   */
  async decideMany(principal: Principal, ids: string[], decision: 'approve' | 'reject', dto: ApproveCorrectionDto): Promise<BulkResult> {
    const note = decision === 'reject' ? rejectionNote({ note: dto.note ?? '' }) : null;
    return this.tx.run((tx) =>
      allOrNothing(ids, async (id) => {
        if (note === null) await this.approveIn(tx, principal, id, dto);
        else await this.rejectIn(tx, principal, id, note);
        return true;
      }),
    );
  }

  /** Approves a pending request in the caller's transaction; answers the member's id. */
  private async approveIn(tx: Tx, principal: Principal, id: string, dto: ApproveCorrectionDto): Promise<string> {
    const request = await this.findInScope(tx, principal, id, true);
    if (request.status !== 'pending') throw CorrectionErrors.alreadyDecided();
    const stored = await this.members.scopedMember(tx, principal, request.memberId, true);
    if (!stored) throw CorrectionErrors.memberMoved();
    const member = shownMember(stored);
    // the record may have changed since the request: validate the result again
    const problems = correctionProblems(member, request.changes);
    if (Object.keys(problems).length) throw CorrectionErrors.noLongerValid(problems);
    // a card number held outside the approver's scope is answered like a free one (member-identity.service.ts)
    const card = request.changes.partyCardNumber;
    const identity = card !== undefined && card !== member.partyCardNumber ? { partyCardNumber: card } : {};
    const branch = await this.committees.findById(tx, member.committeeId);
    if (!branch) throw new Error(`committee ${member.committeeId} of member ${member.id} not found`);
    const placed = await this.identity.place(tx, principal, { id: member.id, committeeId: branch.id, path: branch.path }, identity);
    await this.identity.record(
      tx,
      principal,
      placed.conflicts.map((c) => ({ ...c, memberId: member.id })),
      'partyCardNumber' in identity ? [{ memberId: member.id, field: 'partyCardNumber' }] : [],
    );
    const changed = diff(member, request.changes as Partial<Member>);
    if (Object.keys(changed).length) {
      const values = Object.fromEntries(Object.keys(changed).map((f) => [f, request.changes[f as CorrectableField]])) as Partial<Member>;
      delete values.partyCardNumber;
      await this.members.applyChanges(tx, member.id, { ...values, ...placed.columns });
      await this.audit.record(tx, principal, {
        action: 'member.update',
        entityType: 'member',
        entityId: member.id,
        committeeId: member.committeeId,
        details: { changes: changed, correctionId: request.id },
      });
    }
    await this.requests.decide(tx, request.id, {
      status: 'approved',
      decidedAt: new Date(),
      decidedBy: principal.id,
      decisionNote: dto.note?.trim() || null,
    });
    await this.decidedHook.decided(tx, { id: request.id, memberId: member.id, approved: true, note: dto.note?.trim() || null });
    await this.audit.record(tx, principal, {
      action: 'correction.approve',
      entityType: 'correction',
      entityId: request.id,
      committeeId: request.committeeId,
      details: { memberId: member.id, fields: Object.keys(changed) },
    });
    return member.id;
  }

  /** Rejects a pending request in the caller's transaction. */
  private async rejectIn(tx: Tx, principal: Principal, id: string, note: string): Promise<void> {
    const request = await this.findInScope(tx, principal, id, true);
    if (request.status !== 'pending') throw CorrectionErrors.alreadyDecided();
    await this.requests.decide(tx, request.id, {
      status: 'rejected',
      decidedAt: new Date(),
      decidedBy: principal.id,
      decisionNote: note,
    });
    await this.decidedHook.decided(tx, { id: request.id, memberId: request.memberId, approved: false, note });
    await this.audit.record(tx, principal, {
      action: 'correction.reject',
      entityType: 'correction',
      entityId: request.id,
      committeeId: request.committeeId,
      details: { memberId: request.memberId },
    });
  }

  /** The request if it exists and its branch lies in the caller's subtree (else a 404, the same for both), with its branch. */
  private async findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<CorrectionRequest> {
    const request = await this.requests.findInScope(tx, principal, id, lock);
    request.committee = (await this.committees.findById(tx, request.committeeId)) ?? undefined;
    return request;
  }

  /** A member a request refers to (the foreign key guarantees it exists). */
  private async memberById(tx: Tx, id: string): Promise<Member> {
    const member = await this.members.byId(tx, id);
    if (!member) throw new Error(`member ${id} not found`);
    return member;
  }

  /**
   * The member for a request's detail. If the member has since moved outside the caller's scope,
   * only their name is shown: their current values belong to their new branch now.
   */
  private async memberFor(tx: Tx, principal: Principal, request: CorrectionRequest): Promise<Member> {
    const inScope = await this.members.scopedMember(tx, principal, request.memberId);
    if (inScope) return shownMember(inScope);
    const row = await this.memberById(tx, request.memberId);
    return Object.assign(new Member(), { id: row.id, fullName: row.fullName });
  }
}

/** A rejection's note, trimmed; the member reads it, so it may not be blank. */
function rejectionNote(dto: { note: string }): string {
  const note = dto.note.trim();
  if (!note) throw ApiError.validation({ note: 'note should not be empty' });
  return note;
}
