import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import type { Tx } from '../database/transactions.js';
import { IdentityConflictRepository } from './identity-conflict.repository.js';
import type { Member } from './member.entity.js';
import type { IdentityField } from './member-identity-conflict.entity.js';
import { MemberRepository, type IdentityHolder } from './member.repository.js';
import { MemberErrors } from './members.errors.js';

/** The unique column and the pending column of each identity field. */
export const IDENTITY_COLUMNS = {
  partyCardNumber: {
    unique: 'partyCardNumber',
    pending: 'pendingPartyCardNumber',
    sql: 'party_card_number',
    pendingSql: 'pending_party_card_number',
  },
  externalId: { unique: 'externalId', pending: 'pendingExternalId', sql: 'external_id', pendingSql: 'pending_external_id' },
} as const;

type IdentityColumns = Pick<Member, 'partyCardNumber' | 'pendingPartyCardNumber' | 'externalId' | 'pendingExternalId'>;

/** The number a reader sees for a member: the one it holds, or the one waiting for verification. */
export const shownPartyCardNumber = (m: Pick<Member, 'partyCardNumber' | 'pendingPartyCardNumber'>) =>
  m.partyCardNumber ?? m.pendingPartyCardNumber ?? null;
export const shownExternalId = (m: Pick<Member, 'externalId' | 'pendingExternalId'>) => m.externalId ?? m.pendingExternalId ?? null;

/** A copy of the record as its readers see it (pending numbers in place): for rules, diffs and responses. */
export function shownMember<T extends IdentityColumns>(m: T): T {
  return { ...m, partyCardNumber: shownPartyCardNumber(m), externalId: shownExternalId(m) };
}

export type { IdentityHolder } from './member.repository.js';

/** A collision with a record outside the writer's scope, to be recorded for `committeeId`. */
export interface NewConflict {
  memberId: string;
  memberCommitteeId: number;
  field: IdentityField;
  value: string;
  holderId: string;
  holderCommitteeId: number;
  committeeId: number;
}

/**
 * The lowest committee whose subtree holds both paths (`1.5.23` and `1.5.40.7` → 5). Committee
 * paths are the chain of ids from the root (common/scope.ts), so the last shared label is the id.
 */
export function lowestCommonCommittee(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (i === 0) throw new Error(`committee paths ${a} and ${b} share no root`);
  return Number(x[i - 1]);
}

/**
 * Who holds a value among the holders: the one holding it in the unique column first. An in-scope
 * holder makes the value "taken" (the caller can see that record); an out-of-scope one makes it a
 * pending duplicate (the caller must not learn the record exists).
 */
export function holderOf(holders: IdentityHolder[], field: IdentityField, value: string): IdentityHolder | undefined {
  const { unique, pending } = IDENTITY_COLUMNS[field];
  const matching = holders.filter((h) => h[unique] === value || h[pending] === value);
  return matching.find((h) => h.inScope) ?? matching.find((h) => h[unique] === value) ?? matching[0];
}

/**
 * Identity numbers (party card number, external id) without a membership oracle: a value held by a
 * member outside the writer's scope is answered exactly like a free one. It is stored in the
 * member's pending column (the unique column keeps uniqueness in the database) and recorded as a
 * conflict for the lowest committee covering both records, audited with the values. Every write
 * does the same statements whether or not there was a collision: one lookup, one conflict insert,
 * one audit insert (both of zero rows when nothing collided).
 */
@Injectable()
export class MemberIdentityService {
  constructor(
    private readonly audit: AuditService,
    private readonly members: MemberRepository,
    private readonly conflicts: IdentityConflictRepository,
  ) {}

  /** Every member other than `exceptIds` holding any of the values, in either column. One statement. */
  holders(m: Tx, principal: Principal, cards: string[], externalIds: string[], exceptIds: string[] = []): Promise<IdentityHolder[]> {
    return this.members.identityHolders(m, principal, cards, externalIds, exceptIds);
  }

  /**
   * Where one member's new identity values go. `values` holds only the fields being set (null clears);
   * `member` is the record (its id, branch and path; id null on create). Throws 409 *_TAKEN when a
   * member in the caller's scope holds the value.
   */
  async place(
    m: Tx,
    principal: Principal,
    member: { id: string | null; committeeId: number; path: string },
    values: Partial<Record<IdentityField, string | null>>,
  ): Promise<{ columns: Partial<IdentityColumns>; conflicts: Omit<NewConflict, 'memberId'>[] }> {
    const card = values.partyCardNumber ?? null;
    const ext = values.externalId ?? null;
    const holders = await this.holders(m, principal, card ? [card] : [], ext ? [ext] : [], member.id ? [member.id] : []);
    const columns: Partial<IdentityColumns> = {};
    const conflicts: Omit<NewConflict, 'memberId'>[] = [];
    for (const field of ['partyCardNumber', 'externalId'] as const) {
      if (!(field in values) || values[field] === undefined) continue;
      const value = values[field] ?? null;
      const { unique, pending } = IDENTITY_COLUMNS[field];
      const holder = value === null ? undefined : holderOf(holders, field, value);
      if (holder?.inScope) throw field === 'partyCardNumber' ? MemberErrors.partyCardTaken() : MemberErrors.externalIdTaken();
      columns[unique] = holder ? null : value;
      columns[pending] = holder ? value : null;
      if (holder && value !== null) {
        conflicts.push({
          memberCommitteeId: member.committeeId,
          field,
          value,
          holderId: holder.id,
          holderCommitteeId: holder.committeeId,
          committeeId: lowestCommonCommittee(member.path, holder.path),
        });
      }
    }
    return { columns, conflicts };
  }

  /**
   * Records the conflicts and audits each with its values, for the committee that resolves it (the
   * writer's own scope never covers that committee). Always two statements, even for none. Pending
   * conflicts of `replaced` (member, field) pairs whose value was just changed again are withdrawn.
   */
  async record(
    m: Tx,
    principal: Principal,
    conflicts: NewConflict[],
    replaced: { memberId: string; field: IdentityField }[] = [],
  ): Promise<void> {
    await this.conflicts.withdrawReplaced(m, replaced, principal.id);
    const rows = conflicts.map((c) => ({ ...c, id: randomUUID() }));
    await this.conflicts.insertMany(m, rows, principal.id);
    await this.audit.recordMany(
      m,
      principal,
      rows.map((r) => ({
        action: 'member.identity_conflict',
        entityType: 'member_identity_conflict',
        entityId: r.id,
        committeeId: r.committeeId,
        details: {
          field: r.field,
          value: r.value,
          memberId: r.memberId,
          memberCommitteeId: r.memberCommitteeId,
          holderId: r.holderId,
          holderCommitteeId: r.holderCommitteeId,
        },
      })),
    );
  }
}
