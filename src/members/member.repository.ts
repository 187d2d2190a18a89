import { Injectable } from '@nestjs/common';
import {
  applyListQuery,
  boolFilter,
  enumFilter,
  idsFilter,
  invalidListQuery,
  searchFilter,
  subtreeFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListClauseSink,
  type ListPage,
  type ListSpec,
  type ParsedListQuery,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { findInScopeOr404, inScopeSql, scopeByCommittee, scopePath, subtreeOf } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import {
  ACTIVITY_HOLDS,
  END_STATES,
  GENDERS,
  Member,
  MEMBER_STATUSES,
  NOT_INSTALLED_REASONS,
  type ActivityHold,
  type Gender,
  type MemberStatus,
  type NotInstalledReason,
} from './member.entity.js';
import { MemberTransfer } from './member-transfer.entity.js';
import { MemberErrors } from './members.errors.js';
import type { MemberResponse } from './dto/member.response.js';

/** Another member that already holds an identity value, by either column (member-identity.service.ts). */
export interface IdentityHolder {
  id: string;
  committeeId: number;
  path: string;
  inScope: boolean;
  partyCardNumber: string | null;
  pendingPartyCardNumber: string | null;
  externalId: string | null;
  pendingExternalId: string | null;
}

export type NewMemberTransfer = Pick<
  MemberTransfer,
  'memberId' | 'fromCommitteeId' | 'toCommitteeId' | 'transferredOn' | 'kind' | 'reason' | 'actorId'
>;

/** A current member as a meeting's invitation snapshots them. */
export interface CurrentMember {
  id: string;
  status: MemberStatus;
  exempted: boolean;
  activityHold: ActivityHold | null;
}

/** `current` (the default: not left), `left`, or `all`. */
const registerFilter: FilterHandler = (qb, value) => {
  if (value === 'current') qb.andWhere('m.end_state IS NULL');
  else if (value === 'left') qb.andWhere('m.end_state IS NOT NULL');
  else if (value !== 'all') invalidListQuery('filter', 'register must be current, left or all');
};

/** The member list (GET /api/members and its export): without `register`, `id` or `endState`, the current register. */
export const MEMBER_LIST: ListSpec = {
  // columns, not entity properties: the list's statement is composed without TypeORM (listStatement)
  sortable: {
    id: 'm.id',
    // people in Vietnamese order: given name, middle names, family name, Vietnamese alphabet and tones
    fullName: 'm.name_sort_key',
    birthDate: 'm.birth_date',
    status: 'm.status',
    admittedAt: 'm.admitted_at',
    installedAt: 'm.installed_at',
    committeeId: 'm.committee_id',
    createdAt: 'm.created_at',
    updatedAt: 'm.updated_at',
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
    activityHold: enumFilter('m.activity_hold', ACTIVITY_HOLDS),
    installed: boolFilter((v) => (v ? 'm.installed_at IS NOT NULL' : 'm.installed_at IS NULL')),
    notInstalledReason: enumFilter('m.not_installed_reason', NOT_INSTALLED_REASONS),
    endState: enumFilter('m.end_state', END_STATES),
    committeeId: subtreeFilter('m.committee_id'),
    register: registerFilter,
  },
  defaultFilter: { unlessFiltered: ['register', 'id', 'endState'], apply: (qb) => qb.andWhere('m.end_state IS NULL') },
};

/**
 * What the list reads of each member: MemberResponse's fields in its order (toMemberResponse), dates
 * as text, a number waiting for verification shown like one held (member-identity.service.ts).
 */
const LIST_SELECT: [string, string][] = [
  ['"m"."id"', 'id'],
  ['"m"."full_name"', 'fullName'],
  ['"m"."gender"', 'gender'],
  ['m.birth_date::text', 'birthDate'],
  ['COALESCE(m.party_card_number, m.pending_party_card_number)', 'partyCardNumber'],
  ['COALESCE(m.external_id, m.pending_external_id)', 'externalId'],
  ['"m"."status"', 'status'],
  ['m.admitted_at::text', 'admittedAt'],
  ['m.official_at::text', 'officialAt'],
  ['"m"."exempted"', 'exempted'],
  ['m.exempted_at::text', 'exemptedAt'],
  ['"m"."exempted_reason"', 'exemptedReason'],
  ['"m"."activity_hold"', 'activityHold'],
  ['m.activity_hold_since::text', 'activityHoldSince'],
  ['"m"."activity_hold_note"', 'activityHoldNote'],
  ['"m"."phone"', 'phone'],
  ['"m"."email"', 'email'],
  ['"m"."committee_id"', 'committeeId'],
  ['"c"."name"', 'committeeName'],
  ['"m"."end_state"', 'endState'],
  ['m.ended_at::text', 'endedAt'],
  ['"m"."end_reason"', 'endReason'],
  ['"m"."not_installed_reason"', 'notInstalledReason'],
  ['"m"."installed_at"', 'installedAt'],
  ['false', 'pushEnabled'],
  ['"m"."created_at"', 'createdAt'],
  ['"m"."updated_at"', 'updatedAt'],
];

/** What the export reads of each member: its columns, dates as text (no time-zone games), the branch's code and name. */
const EXPORT_SELECT: [string, string][] = [
  ['m.id', 'id'],
  ['m.full_name', 'fullName'],
  ['m.gender', 'gender'],
  ['m.birth_date::text', 'birthDate'],
  // a number waiting for verification is exported like one held (member-identity.service.ts)
  ['COALESCE(m.party_card_number, m.pending_party_card_number)', 'partyCardNumber'],
  ['COALESCE(m.external_id, m.pending_external_id)', 'externalId'],
  ['m.status', 'status'],
  ['m.admitted_at::text', 'admittedAt'],
  ['m.official_at::text', 'officialAt'],
  ['m.exempted', 'exempted'],
  ['m.exempted_at::text', 'exemptedAt'],
  ['m.exempted_reason', 'exemptedReason'],
  ['m.phone', 'phone'],
  ['m.email', 'email'],
  ['c.code', 'committee'],
  ['c.name', 'committeeName'],
  ['m.not_installed_reason', 'notInstalledReason'],
];

/** One member as the export reads it (dates as ISO text). */
export interface MemberExportRow {
  id: string;
  fullName: string;
  gender: Gender;
  birthDate: string;
  partyCardNumber: string | null;
  externalId: string | null;
  status: MemberStatus;
  admittedAt: string;
  officialAt: string | null;
  exempted: boolean;
  exemptedAt: string | null;
  exemptedReason: string | null;
  phone: string | null;
  email: string | null;
  committee: string;
  committeeName: string;
  notInstalledReason: NotInstalledReason | null;
}

/** Where every member list reads from (the list and the export): the member and its branch. */
const LIST_FROM = 'FROM members m LEFT JOIN committees c ON c.id = m.committee_id';
const LIST_COLUMNS = LIST_SELECT.map(([expression, alias]) => `${expression} AS "${alias}"`).join(', ');
const EXPORT_COLUMNS = EXPORT_SELECT.map(([expression, alias]) => `${expression} AS "${alias}"`).join(', ');

/** A named parameter as the list's filters write them: `:name`, or `:...name` for a list (not `::type`). */
const NAMED_PARAMETER = /(?<!:):(\.\.\.)?([A-Za-z_]\w*)/g;

/**
 * The member list's WHERE and ORDER BY, recorded from the one description of the list (MEMBER_LIST,
 * through applyListQuery) and of the scope (scopeByCommittee): both only add conditions with their
 * named parameters (`andWhere`) and the sort (`orderBy`, `addOrderBy`). The statement is then
 * composed by hand with positional parameters, instead of by TypeORM's query builder, which spent
 * more Node CPU building the page's statement and its count than the rest of the request (issue 20).
 */
class ListClauses implements ListClauseSink {
  private readonly conditions: string[] = [];
  private readonly parameters: Record<string, unknown> = {};
  private readonly order: string[] = [];
  /** The query's sort, range and filters as parsed. */
  readonly parsed: ParsedListQuery;

  constructor(principal: Principal, query: AdminListQuery) {
    scopeByCommittee(this, principal, 'm.committee_id');
    this.parsed = applyListQuery(this, MEMBER_LIST, query);
  }

  andWhere(condition: string, parameters?: Record<string, unknown>): this {
    this.conditions.push(condition);
    if (parameters) Object.assign(this.parameters, parameters);
    return this;
  }

  orderBy(sort: string, order: 'ASC' | 'DESC', nulls?: 'NULLS FIRST' | 'NULLS LAST'): this {
    this.order.length = 0;
    return this.addOrderBy(sort, order, nulls);
  }

  addOrderBy(sort: string, order: 'ASC' | 'DESC', nulls?: 'NULLS FIRST' | 'NULLS LAST'): this {
    this.order.push(nulls ? `${sort} ${order} ${nulls}` : `${sort} ${order}`);
    return this;
  }

  /** ` WHERE …` (or nothing) with its parameters numbered from $1 into `values` (a name used twice binds once). */
  where(values: unknown[]): string {
    if (!this.conditions.length) return '';
    const bound = new Map<string, string>();
    return ` WHERE ${this.conditions.map((c) => `(${c})`).join(' AND ')}`.replace(NAMED_PARAMETER, (whole, spread, name: string) => {
      if (!Object.hasOwn(this.parameters, name)) return whole;
      let placeholders = bound.get(name);
      if (placeholders === undefined) {
        const value = this.parameters[name];
        placeholders = spread ? (value as unknown[]).map((v) => `$${values.push(v)}`).join(', ') : `$${values.push(value)}`;
        bound.set(name, placeholders);
      }
      return placeholders;
    });
  }

  orderByClause(): string {
    return ` ORDER BY ${this.order.join(', ')}`;
  }
}

/**
 * MemberRepository.list's two statements for a caller and a query: the page (LIST_SELECT, the range
 * bound last) and the list's total. bench/paths.ts runs the ones of the benchmark's request.
 */
export function memberListStatements(principal: Principal, query: AdminListQuery) {
  const clauses = new ListClauses(principal, query);
  const countValues: unknown[] = [];
  const where = clauses.where(countValues);
  const { offset, limit } = clauses.parsed;
  const n = countValues.length;
  return {
    page: `SELECT ${LIST_COLUMNS} ${LIST_FROM}${where}${clauses.orderByClause()} LIMIT $${n + 1} OFFSET $${n + 2}`,
    pageValues: [...countValues, limit, offset],
    count: `SELECT count(*)::int AS total ${LIST_FROM}${where}`,
    countValues,
    offset,
  };
}

/** The register's tables: `members` and their dated transfers (`member_transfers`). */
@Injectable()
export class MemberRepository {
  /** The member if it lies in the caller's scope, else MemberErrors.notFound(); `lock` takes the row FOR UPDATE. */
  findInScope(tx: Tx, principal: Principal, id: string, lock = false): Promise<Member> {
    return findInScopeOr404(tx, Member, principal, id, {
      alias: 'm',
      scope: { committeeIdColumn: 'm.committee_id' },
      notFound: MemberErrors.notFound,
      lock,
    });
  }

  /** A member by id, FOR UPDATE, whatever the scope (the caller has checked it another way); throws when missing. */
  lockById(tx: Tx, memberId: string): Promise<Member> {
    return tx
      .getRepository(Member)
      .createQueryBuilder('m')
      .where('m.id = :memberId', { memberId })
      .setLock('pessimistic_write')
      .getOneOrFail();
  }

  insert(tx: Tx, values: Partial<Member>): Promise<Member> {
    return tx.save(tx.create(Member, values));
  }

  async update(tx: Tx, id: string, changes: Partial<Member>): Promise<void> {
    await tx.update(Member, { id }, changes);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(Member, { id });
  }

  async insertTransfer(tx: Tx, transfer: NewMemberTransfer): Promise<void> {
    await tx.insert(MemberTransfer, transfer);
  }

  /** A member's transfers with both committees, newest first (the staff's history) or oldest first (the member's own record). */
  transfersOf(tx: Tx, memberId: string, order: 'ASC' | 'DESC' = 'DESC'): Promise<MemberTransfer[]> {
    return tx.getRepository(MemberTransfer).find({
      where: { memberId },
      relations: { fromCommittee: true, toCommittee: true },
      order: { transferredOn: order, createdAt: order },
    });
  }

  /** The record by id whatever the caller's scope, or null; locked `FOR UPDATE` when asked. */
  byId(tx: Tx, id: string, lock = false): Promise<Member | null> {
    const qb = tx.getRepository(Member).createQueryBuilder('m').where('m.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The record by id if its branch lies in the caller's subtree, else null (it may have moved away); locked when asked. */
  inScopeOrNull(tx: Tx, principal: Principal, id: string, lock = false): Promise<Member | null> {
    const qb = scopeByCommittee(tx.getRepository(Member).createQueryBuilder('m'), principal, 'm.committee_id').andWhere('m.id = :id', {
      id,
    });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** Every member other than `exceptIds` holding any of the values, in either column, each with whether it lies in the caller's scope. One statement. */
  identityHolders(
    tx: Tx,
    principal: Principal,
    cards: string[],
    externalIds: string[],
    exceptIds: string[] = [],
  ): Promise<IdentityHolder[]> {
    return tx.query(
      `SELECT m.id, m.committee_id AS "committeeId", c.path::text AS path, ${inScopeSql('c.path', '$3')} AS "inScope",
              m.party_card_number AS "partyCardNumber", m.pending_party_card_number AS "pendingPartyCardNumber",
              m.external_id AS "externalId", m.pending_external_id AS "pendingExternalId"
         FROM members m JOIN committees c ON c.id = m.committee_id
        WHERE (m.party_card_number = ANY($1::varchar[]) OR m.pending_party_card_number = ANY($1::varchar[])
               OR m.external_id = ANY($2::varchar[]) OR m.pending_external_id = ANY($2::varchar[]))
          AND NOT (m.id = ANY($4::uuid[]))`,
      [cards, externalIds, scopePath(principal), exceptIds],
    );
  }

  /**
   * A page of the member list in the caller's scope (filters, sort, range: MEMBER_LIST), read as the
   * response's items (LIST_SELECT), and the list's total: two statements composed from the recorded
   * clauses (ListClauses), no query builder and no entities. `pushEnabled` comes back false, for the
   * service to set.
   */
  async list(tx: Tx, principal: Principal, query: AdminListQuery): Promise<ListPage<MemberResponse>> {
    const statements = memberListStatements(principal, query);
    const items: MemberResponse[] = await tx.query(statements.page, statements.pageValues);
    const [{ total }]: { total: number }[] = await tx.query(statements.count, statements.countValues);
    return { items, total, start: statements.offset };
  }

  /**
   * The member list (scope, filters and sort, no range) read in `tx` through a server-side cursor:
   * one sorted scan, `batchSize` rows at a time, no OFFSET walk that re-sorts the list per batch.
   * Returns the number of rows read.
   */
  async scanExport(
    tx: Tx,
    principal: Principal,
    query: AdminListQuery,
    batchSize: number,
    onBatch: (rows: MemberExportRow[]) => void,
  ): Promise<number> {
    const clauses = new ListClauses(principal, query);
    const values: unknown[] = [];
    const where = clauses.where(values);
    await tx.query(
      `DECLARE member_export NO SCROLL CURSOR FOR SELECT ${EXPORT_COLUMNS} ${LIST_FROM}${where}${clauses.orderByClause()}`,
      values,
    );
    let n = 0;
    for (;;) {
      const batch: MemberExportRow[] = await tx.query(`FETCH ${batchSize} FROM member_export`);
      onBatch(batch);
      n += batch.length;
      if (batch.length < batchSize) break;
    }
    await tx.query('CLOSE member_export');
    return n;
  }

  /** The committee of a current member (not ended), or null when there is no such member. */
  async currentCommitteeId(tx: Tx, memberId: string): Promise<number | null> {
    const [member]: { committee_id: number }[] = await tx.query(
      `SELECT mb.committee_id FROM members mb WHERE mb.id = $1 AND mb.end_state IS NULL`,
      [memberId],
    );
    return member?.committee_id ?? null;
  }

  /** The current members (not ended) of this one committee: id, standing, exemption and activity hold. */
  async currentOf(tx: Tx, committeeId: number): Promise<CurrentMember[]> {
    return tx.query(
      `SELECT mb.id, mb.status, mb.exempted, mb.activity_hold AS "activityHold"
         FROM members mb WHERE mb.committee_id = $1 AND mb.end_state IS NULL ORDER BY mb.id`,
      [committeeId],
    );
  }

  /** How many current members (not ended) the subtree of this committee holds. */
  async countCurrentInSubtree(tx: Tx, committeeId: number): Promise<number> {
    const [{ invited }]: { invited: number }[] = await tx.query(
      `SELECT count(*)::int AS invited
         FROM members mb JOIN committees c ON c.id = mb.committee_id
        WHERE mb.end_state IS NULL AND ${subtreeOf('c.path', '(SELECT path FROM committees WHERE id = $1)')}`,
      [committeeId],
    );
    return invited;
  }
}
