import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, diff } from '../audit/audit.service.js';
import {
  enumFilter,
  idsFilter,
  runListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeByCommittee } from '../common/scope.js';
import {
  CORRECTABLE_FIELDS,
  CORRECTION_STATUSES,
  CorrectionRequest,
  type CorrectableField,
  type CorrectionChanges,
} from './correction-request.entity.js';
import type { ApproveCorrectionDto, CorrectionChangesDto, CreateCorrectionDto, RejectCorrectionDto } from './dto/correction.dto.js';
import {
  toCorrectionResponse,
  toCorrectionSummary,
  toMyCorrectionResponse,
  type CorrectionResponse,
  type CorrectionSummaryResponse,
  type MyCorrectionResponse,
} from './dto/correction.response.js';
import { Committee } from '../committees/committee.entity.js';
import { Member } from '../members/member.entity.js';
import { MemberIdentityService, shownMember } from '../members/member-identity.service.js';
import { MemberErrors, memberStateProblems } from '../members/members.errors.js';

/** A member may have this many requests waiting for a decision at once. */
export const MAX_PENDING_CORRECTIONS = 5;

/** Fields a record cannot be without: a correction may change them, never clear them. */
const REQUIRED_FIELDS: readonly CorrectableField[] = ['fullName', 'gender', 'birthDate', 'admittedAt'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const CorrectionErrors = {
  notFound: () => ApiError.notFound('Correction request'),
  noRecord: () => ApiError.notFound('Member record'),
  alreadyDecided: () => ApiError.conflict('CORRECTION_ALREADY_DECIDED', 'The request has already been decided'),
  tooManyPending: () =>
    ApiError.conflict('TOO_MANY_PENDING_CORRECTIONS', `At most ${MAX_PENDING_CORRECTIONS} requests may wait for a decision at once`),
  memberMoved: () =>
    ApiError.conflict('CORRECTION_MEMBER_MOVED', 'The member has moved to a branch outside your scope since asking; reject the request or ask that branch'),
  noLongerValid: (errors: Record<string, string>) =>
    new ApiError(HttpStatus.CONFLICT, 'CORRECTION_NO_LONGER_VALID', 'The record has changed since the request; applying it now would make the record invalid', errors),
};

/**
 * Problems that applying `changes` to `member` would introduce, keyed `changes.<field>` as in the
 * request body. Problems the record already had (and the changes do not touch) are not the
 * requester's doing and do not block the request.
 */
export function correctionProblems(member: Member, changes: CorrectionChanges, today?: string): Record<string, string> {
  const before = memberStateProblems(member, today);
  const after = memberStateProblems({ ...member, ...changes }, today);
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(after)) {
    if (before[field] !== message || field in changes) out[`changes.${field}`] = message;
  }
  return out;
}

/** The asked values, normalised as the members API stores them; undefined fields dropped. */
export function normaliseChanges(dto: CorrectionChangesDto): { changes: CorrectionChanges; errors: Record<string, string> } {
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of CORRECTABLE_FIELDS) {
    let value = (dto as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (value === null && REQUIRED_FIELDS.includes(field)) {
      errors[`changes.${field}`] = `${field} cannot be removed from the record`;
      continue;
    }
    if (field === 'fullName' && typeof value === 'string') value = value.trim();
    if (field === 'email' && typeof value === 'string') value = value.toLowerCase();
    if (field === 'fullName' && value === '') errors['changes.fullName'] = 'fullName should not be empty';
    changes[field] = value;
  }
  return { changes: changes as CorrectionChanges, errors };
}

export const CORRECTION_LIST: ListSpec<CorrectionRequest> = {
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly identity: MemberIdentityService,
  ) {}

  // ---- the member's side ----

  async create(principal: Principal, dto: CreateCorrectionDto): Promise<MyCorrectionResponse> {
    const reason = dto.reason.trim();
    const { changes: asked, errors } = normaliseChanges(dto.changes);
    if (!reason) errors.reason = 'reason should not be empty';
    if (!Object.keys(asked).length && !Object.keys(errors).some((k) => k.startsWith('changes.'))) errors.changes = 'ask to correct at least one field';
    if (Object.keys(errors).length) throw ApiError.validation(errors);
    return this.db.transaction(async (m) => {
      const member = shownMember(await this.ownRecord(m, principal, true));
      // only the fields that would actually change
      const changes = Object.fromEntries(Object.entries(asked).filter(([f, v]) => member[f as CorrectableField] !== v)) as CorrectionChanges;
      if (!Object.keys(changes).length) throw ApiError.validation({ changes: 'the record already holds these values' });
      const problems = correctionProblems(member, changes);
      if (Object.keys(problems).length) throw ApiError.validation(problems);
      const pending = await m.countBy(CorrectionRequest, { memberId: member.id, status: 'pending' });
      if (pending >= MAX_PENDING_CORRECTIONS) throw CorrectionErrors.tooManyPending();
      const saved = await m.save(
        m.create(CorrectionRequest, { memberId: member.id, committeeId: member.committeeId, changes, reason, status: 'pending' }),
      );
      await this.audit.record(m, principal, {
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
    const member = await this.ownRecord(this.db.manager, principal);
    const rows = await this.db.getRepository(CorrectionRequest).find({ where: { memberId: member.id }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map(toMyCorrectionResponse);
  }

  private async ownRecord(m: EntityManager, principal: Principal, lock = false): Promise<Member> {
    if (!principal.memberId) throw CorrectionErrors.noRecord();
    const qb = m.getRepository(Member).createQueryBuilder('m').where('m.id = :id', { id: principal.memberId });
    if (lock) qb.setLock('pessimistic_write');
    const member = await qb.getOne();
    if (!member) throw CorrectionErrors.noRecord();
    return member;
  }

  // ---- the staff side: scoped by the branch the request was made in ----

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<CorrectionSummaryResponse>> {
    const qb = this.db
      .getRepository(CorrectionRequest)
      .createQueryBuilder('r')
      .leftJoin('r.member', 'm')
      .addSelect(['m.id', 'm.fullName'])
      .leftJoin('r.committee', 'c')
      .addSelect(['c.id', 'c.name']);
    scopeByCommittee(qb, principal, 'r.committee_id');
    const page = await runListQuery(qb, CORRECTION_LIST, query);
    await this.audit.recordNow(principal, {
      action: 'correction.list',
      entityType: 'correction',
      committeeId: principal.committeeId,
      details: { filter: query.filter ?? null, range: query.range ?? null, returned: page.items.length, total: page.total },
    });
    return { ...page, items: page.items.map(toCorrectionSummary) };
  }

  async get(principal: Principal, id: string): Promise<CorrectionResponse> {
    const m = this.db.manager;
    const request = await this.findInScope(m, principal, id);
    return toCorrectionResponse(request, await this.memberFor(m, principal, request));
  }

  async approve(principal: Principal, id: string, dto: ApproveCorrectionDto): Promise<CorrectionResponse> {
    return this.db.transaction(async (m) => {
      const request = await this.findInScope(m, principal, id, true);
      if (request.status !== 'pending') throw CorrectionErrors.alreadyDecided();
      const stored = await this.scopedMember(m, principal, request.memberId, true);
      if (!stored) throw CorrectionErrors.memberMoved();
      const member = shownMember(stored);
      // the record may have changed since the request: validate the result again
      const problems = correctionProblems(member, request.changes);
      if (Object.keys(problems).length) throw CorrectionErrors.noLongerValid(problems);
      // a card number held outside the approver's scope is answered like a free one (member-identity.service.ts)
      const card = request.changes.partyCardNumber;
      const identity = card !== undefined && card !== member.partyCardNumber ? { partyCardNumber: card } : {};
      const branch = await m.findOneByOrFail(Committee, { id: member.committeeId });
      const placed = await this.identity.place(m, principal, { id: member.id, committeeId: branch.id, path: branch.path }, identity);
      await this.identity.record(
        m,
        principal,
        placed.conflicts.map((c) => ({ ...c, memberId: member.id })),
        'partyCardNumber' in identity ? [{ memberId: member.id, field: 'partyCardNumber' }] : [],
      );
      const changed = diff(member, request.changes as Partial<Member>);
      if (Object.keys(changed).length) {
        const values = Object.fromEntries(Object.keys(changed).map((f) => [f, request.changes[f as CorrectableField]])) as Partial<Member>;
        delete values.partyCardNumber;
        await m.update(Member, { id: member.id }, { ...values, ...placed.columns });
        await this.audit.record(m, principal, {
          action: 'member.update',
          entityType: 'member',
          entityId: member.id,
          committeeId: member.committeeId,
          details: { changes: changed, correctionId: request.id },
        });
      }
      await m.update(CorrectionRequest, { id: request.id }, {
        status: 'approved',
        decidedAt: new Date(),
        decidedBy: principal.id,
        decisionNote: dto.note?.trim() || null,
      });
      await this.audit.record(m, principal, {
        action: 'correction.approve',
        entityType: 'correction',
        entityId: request.id,
        committeeId: request.committeeId,
        details: { memberId: member.id, fields: Object.keys(changed) },
      });
      return toCorrectionResponse(await this.findInScope(m, principal, id), shownMember(await m.findOneByOrFail(Member, { id: member.id })));
    });
  }

  async reject(principal: Principal, id: string, dto: RejectCorrectionDto): Promise<CorrectionResponse> {
    const note = dto.note.trim();
    if (!note) throw ApiError.validation({ note: 'note should not be empty' });
    return this.db.transaction(async (m) => {
      const request = await this.findInScope(m, principal, id, true);
      if (request.status !== 'pending') throw CorrectionErrors.alreadyDecided();
      await m.update(CorrectionRequest, { id: request.id }, { status: 'rejected', decidedAt: new Date(), decidedBy: principal.id, decisionNote: note });
      await this.audit.record(m, principal, {
        action: 'correction.reject',
        entityType: 'correction',
        entityId: request.id,
        committeeId: request.committeeId,
        details: { memberId: request.memberId },
      });
      const updated = await this.findInScope(m, principal, id);
      return toCorrectionResponse(updated, await this.memberFor(m, principal, updated));
    });
  }

  /** The request if it exists and its branch lies in the caller's subtree; otherwise a 404, the same for both. */
  private async findInScope(m: EntityManager, principal: Principal, id: string, lock = false): Promise<CorrectionRequest> {
    if (!UUID.test(id)) throw CorrectionErrors.notFound();
    const qb = scopeByCommittee(m.getRepository(CorrectionRequest).createQueryBuilder('r'), principal, 'r.committee_id').andWhere('r.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const request = await qb.getOne();
    if (!request) throw CorrectionErrors.notFound();
    request.committee = (await m.findOneBy(Committee, { id: request.committeeId })) ?? undefined;
    return request;
  }

  private scopedMember(m: EntityManager, principal: Principal, memberId: string, lock = false): Promise<Member | null> {
    const qb = scopeByCommittee(m.getRepository(Member).createQueryBuilder('m'), principal, 'm.committee_id').andWhere('m.id = :id', { id: memberId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * The member for a request's detail. If the member has since moved outside the caller's scope,
   * only their name is shown: their current values belong to their new branch now.
   */
  private async memberFor(m: EntityManager, principal: Principal, request: CorrectionRequest): Promise<Member> {
    const inScope = await this.scopedMember(m, principal, request.memberId);
    if (inScope) return shownMember(inScope);
    const row = await m.findOneByOrFail(Member, { id: request.memberId });
    return Object.assign(new Member(), { id: row.id, fullName: row.fullName });
  }
}
