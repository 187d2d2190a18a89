import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, diff } from '../audit/audit.service.js';
import {
  enumFilter,
  idsFilter,
  intFilter,
  parseListQuery,
  runListQuery,
  searchFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { scopeCommitteePath, scopePath } from '../common/scope.js';
import { inScopeSql } from '../common/scope.js';
import { Committee, COMMITTEE_KINDS, ROLLOUT_PHASES, type CommitteeKind, type RolloutPhase } from './committee.entity.js';
import { CommitteePhaseChange } from './committee-phase-change.entity.js';
import { CHILD_KINDS, CommitteeErrors, ROOT_KINDS } from './committees.errors.js';
import type { CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { toCommitteeResponse, type CommitteeResponse } from './dto/committee.response.js';
import type { ChangeCommitteePhaseDto } from './dto/committee-phase.dto.js';
import {
  toPhaseChangeResponse,
  type CommitteePhaseChangeResponse,
  type CommitteePhaseRolloutResponse,
} from './dto/committee-phase.response.js';

const absent = (v: unknown) => v === undefined || v === null || v === '';

/** `true` (only archived), `false` (only active) or `"all"`; without it a list shows the active committees. */
const archivedFilter: FilterHandler<Committee> = (qb, value) => {
  if (value === true || value === 'true') qb.andWhere('c.archived_at IS NOT NULL');
  else if (value === false || value === 'false') qb.andWhere('c.archived_at IS NULL');
  else if (value !== 'all') {
    throw ApiError.badRequest('archived must be true, false or "all"', { filter: 'archived must be true, false or "all"' }, 'INVALID_LIST_QUERY');
  }
};

/**
 * admin-list accepts any safe integer for these filters, but committee ids are PostgreSQL
 * `integer`s: a larger value made the query fail with a 500. Refuse it as a bad list query.
 */
const LIST: ListSpec<Committee> = {
  sortable: {
    id: 'c.id',
    name: 'c.name',
    code: 'c.code',
    kind: 'c.kind',
    phase: 'c.phase',
    path: 'c.path',
    createdAt: 'c.createdAt',
    archivedAt: 'c.archivedAt',
  },
  defaultSort: ['path', 'ASC'],
  tieBreaker: 'c.id',
  filters: {
    id: idsFilter('c.id', 'int'),
    q: searchFilter('c.name', 'c.code'),
    parentId: intFilter('c.parentId'),
    kind: enumFilter('c.kind', COMMITTEE_KINDS),
    phase: enumFilter('c.phase', ROLLOUT_PHASES),
    archived: archivedFilter,
  },
};

const today = () => localDate();

@Injectable()
export class CommitteesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Archived (merged or dissolved) committees are left out unless `archived` is asked for, or the
   * list is a getMany by id (react-admin resolves references to them, e.g. in transfer histories).
   */
  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<CommitteeResponse>> {
    const qb = scopeCommitteePath(this.db.getRepository(Committee).createQueryBuilder('c'), principal, 'c.path');
    const { filter } = parseListQuery(query, LIST);
    if (absent(filter.archived) && absent(filter.id)) qb.andWhere('c.archived_at IS NULL');
    const page = await runListQuery(qb, LIST, query);
    const counts = await this.childCounts(this.db.manager, page.items.map((c) => c.id));
    return { ...page, items: page.items.map((c) => toCommitteeResponse(c, counts.get(c.id) ?? 0)) };
  }

  async get(principal: Principal, id: number): Promise<CommitteeResponse> {
    return this.respond(this.db.manager, await this.findInScope(this.db.manager, principal, id));
  }

  /** The response for a committee as it is (its child count read through `m`). */
  async respond(m: EntityManager, c: Committee): Promise<CommitteeResponse> {
    return toCommitteeResponse(c, (await this.childCounts(m, [c.id])).get(c.id) ?? 0);
  }

  /**
   * The committee if it exists and lies in the caller's subtree; otherwise a 404, the same for both.
   * Other modules use it to check a committee id they were given.
   */
  async findInScope(m: EntityManager, principal: Principal, id: number, lock = false): Promise<Committee> {
    const qb = scopeCommitteePath(m.getRepository(Committee).createQueryBuilder('c'), principal, 'c.path').andWhere('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const c = await qb.getOne();
    if (!c) throw CommitteeErrors.notFound();
    return c;
  }
  /**
   * A committee that a request body refers to (a parent, a branch, a home committee): when it does
   * not exist or lies outside the caller's scope, `missing()` is thrown (a validation error on that
   * field); any other failure (the database being away) propagates as itself.
   */
  async findReferenced(m: EntityManager, principal: Principal, id: number, missing: () => Error, lock = false): Promise<Committee> {
    try {
      return await this.findInScope(m, principal, id, lock);
    } catch (e) {
      if (e instanceof ApiError && e.getStatus() === 404) throw missing();
      throw e;
    }
  }


  async create(principal: Principal, dto: CreateCommitteeDto): Promise<CommitteeResponse> {
    return this.db.transaction(async (m) => {
      const parent = await this.resolveParent(m, principal, dto.parentId ?? null);
      assertKindUnder(dto.kind, parent?.kind ?? null);
      await this.assertCodeFree(m, dto.code);
      const [{ id }] = await m.query(`SELECT nextval(pg_get_serial_sequence('committees', 'id'))::int AS id`);
      const phase = dto.phase ?? 'not_started';
      const phaseStartedAt = dto.phaseStartedAt ?? (phase === 'not_started' ? null : today());
      // the id is drawn first because the path ends with it (TypeORM would drop an explicit generated id)
      await m.query(
        `INSERT INTO committees (id, name, code, kind, parent_id, path, phase, phase_started_at, target_install_rate)
         VALUES ($1, $2, $3, $4, $5, CAST($6 AS ltree), $7, $8, $9)`,
        [
          id,
          dto.name.trim(),
          dto.code,
          dto.kind,
          parent?.id ?? null,
          parent ? `${parent.path}.${id}` : String(id),
          phase,
          phaseStartedAt,
          dto.targetInstallRate ?? null,
        ],
      );
      if (phase !== 'not_started') await this.recordPhaseChange(m, principal, id, null, phase, phaseStartedAt);
      const saved = await m.findOneByOrFail(Committee, { id });
      await this.audit.record(m, principal, {
        action: 'committee.create',
        entityType: 'committee',
        entityId: id,
        committeeId: id,
        details: {
          name: saved.name,
          code: saved.code,
          kind: saved.kind,
          parentId: saved.parentId,
          phase: saved.phase,
          phaseStartedAt: saved.phaseStartedAt,
          targetInstallRate: saved.targetInstallRate,
        },
      });
      return toCommitteeResponse(saved, 0);
    });
  }

  async update(principal: Principal, id: number, dto: UpdateCommitteeDto): Promise<CommitteeResponse> {
    // PartialType lets null through `@IsOptional()`; these fields cannot be cleared
    const cleared = (['name', 'code', 'kind', 'phase'] as const).filter((f) => dto[f] === null);
    if (cleared.length) throw ApiError.validation(Object.fromEntries(cleared.map((f) => [f, `${f} cannot be empty`])));
    return this.db.transaction(async (m) => {
      const c = await this.findInScope(m, principal, id, true);
      if (c.archivedAt) throw CommitteeErrors.archived();
      const kind = dto.kind ?? c.kind;
      const moving = dto.parentId !== undefined && dto.parentId !== c.parentId;
      // a form that sends the unchanged kind (the dashboard sends every field) does not re-kind
      const rekinding = dto.kind !== undefined && dto.kind !== c.kind;
      if ((moving || rekinding) && c.path === principal.committeePath) throw CommitteeErrors.outsideScopeRoot();
      const parent = moving
        ? await this.resolveParent(m, principal, dto.parentId ?? null)
        : c.parentId
          ? await m.findOneByOrFail(Committee, { id: c.parentId })
          : null;
      if (moving && parent && (parent.path === c.path || parent.path.startsWith(`${c.path}.`))) {
        throw CommitteeErrors.moveIntoOwnSubtree();
      }
      if (moving || dto.kind !== undefined) {
        assertKindUnder(kind, parent?.kind ?? null);
        const childKinds: { kind: CommitteeKind }[] = await m.query(`SELECT DISTINCT kind FROM committees WHERE parent_id = $1`, [id]);
        if (childKinds.some((ch) => !CHILD_KINDS[kind].includes(ch.kind))) throw CommitteeErrors.childrenForbidKind(kind);
      }
      if (dto.code !== undefined && dto.code !== c.code) await this.assertCodeFree(m, dto.code);

      const changes: Partial<Committee> = {};
      if (dto.name !== undefined) changes.name = dto.name!.trim();
      if (dto.code !== undefined) changes.code = dto.code!;
      if (dto.kind !== undefined) changes.kind = dto.kind!;
      if (dto.targetInstallRate !== undefined) changes.targetInstallRate = dto.targetInstallRate;
      if (dto.phase !== undefined && dto.phase !== c.phase) {
        changes.phase = dto.phase!;
        changes.phaseStartedAt = dto.phaseStartedAt ?? today();
      } else if (dto.phaseStartedAt !== undefined) {
        changes.phaseStartedAt = dto.phaseStartedAt;
      }
      const changed = diff(c, changes);
      if (Object.keys(changed).length) {
        const values = Object.fromEntries(Object.keys(changed).map((k) => [k, changes[k as keyof Committee]]));
        await m.update(Committee, { id }, values);
        if (changed.phase) {
          await this.recordPhaseChange(m, principal, id, c.phase, changes.phase!, changes.phaseStartedAt ?? null);
        } else if (changed.phaseStartedAt) {
          // the start of the current phase was corrected: the timeline's last step carries the date
          await m.query(
            `UPDATE committee_phase_changes SET started_on = $2
              WHERE id = (SELECT id FROM committee_phase_changes WHERE committee_id = $1 ORDER BY changed_at DESC, id DESC LIMIT 1)
                AND to_phase = $3`,
            [id, changes.phaseStartedAt ?? null, c.phase],
          );
        }
        await this.audit.record(m, principal, {
          action: 'committee.update',
          entityType: 'committee',
          entityId: id,
          committeeId: id,
          details: { changes: changed },
        });
      }
      if (moving) {
        const [{ n: subtreeSize }] = await m.query(`SELECT count(*)::int AS n FROM committees WHERE path <@ CAST($1 AS ltree)`, [c.path]);
        // one statement rewrites the path of the committee and of everything below it
        const newPrefix = parent ? `${parent.path}.${id}` : String(id);
        await m.query(
          `UPDATE committees
              SET path = CASE WHEN id = $3 THEN CAST($1 AS ltree)
                              -- subpath() at offset nlevel(path) is an error ("invalid positions"), not ''
                              ELSE CAST($1 AS ltree) || subpath(path, nlevel(CAST($2 AS ltree))) END,
                  parent_id = CASE WHEN id = $3 THEN $4::int ELSE parent_id END,
                  updated_at = now()
            WHERE path <@ CAST($2 AS ltree)`,
          [newPrefix, c.path, id, parent?.id ?? null],
        );
        await this.audit.record(m, principal, {
          action: 'committee.move',
          entityType: 'committee',
          entityId: id,
          committeeId: id,
          details: { fromParentId: c.parentId, toParentId: parent?.id ?? null, fromPath: c.path, toPath: newPrefix, subtreeSize },
        });
      }
      return this.respond(m, await m.findOneByOrFail(Committee, { id }));
    });
  }

  async remove(principal: Principal, id: number): Promise<CommitteeResponse> {
    return this.db.transaction(async (m) => {
      const c = await this.findInScope(m, principal, id, true);
      if (c.path === principal.committeePath) throw CommitteeErrors.outsideScopeRoot();
      if (c.archivedAt) throw CommitteeErrors.archived();
      const [counts] = await m.query(
        `SELECT (SELECT count(*) FROM committees WHERE parent_id = $1)::int AS children,
                (SELECT count(*) FROM members WHERE committee_id = $1)::int AS members,
                (SELECT count(*) FROM users WHERE committee_id = $1)::int AS accounts`,
        [id],
      );
      if (counts.children || counts.members || counts.accounts) {
        throw CommitteeErrors.notEmpty(counts.children, counts.members, counts.accounts);
      }
      await m.delete(Committee, { id });
      // the committee is gone: the line belongs to its parent, so the admins of that subtree can still read it
      await this.audit.record(m, principal, {
        action: 'committee.delete',
        entityType: 'committee',
        entityId: id,
        committeeId: c.parentId ?? null,
        details: { name: c.name, code: c.code, kind: c.kind, parentId: c.parentId, path: c.path },
      });
      return toCommitteeResponse(c, 0);
    });
  }

  /** The rollout timeline of a committee, oldest step first. */
  async phaseHistory(principal: Principal, id: number): Promise<CommitteePhaseChangeResponse[]> {
    await this.findInScope(this.db.manager, principal, id);
    const rows = await this.db
      .getRepository(CommitteePhaseChange)
      .createQueryBuilder('p')
      .where('p.committee_id = :id', { id })
      .orderBy('p.changed_at', 'ASC')
      .addOrderBy('p.started_on', 'ASC', 'NULLS FIRST')
      .addOrderBy('p.id', 'ASC')
      .getMany();
    return rows.map(toPhaseChangeResponse);
  }

  /**
   * Moves a committee, and with `applyToSubtree` every active committee below it, to a phase: one
   * UPDATE and one INSERT ... SELECT of history rows (a single statement), audited once with the count.
   * Committees already in the phase are left alone and keep their date.
   */
  async rolloutPhase(principal: Principal, id: number, dto: ChangeCommitteePhaseDto): Promise<CommitteePhaseRolloutResponse> {
    return this.db.transaction(async (m) => {
      const c = await this.findInScope(m, principal, id, true);
      if (c.archivedAt) throw CommitteeErrors.archived();
      const startedOn = dto.startedOn ?? today();
      const subtree = dto.applyToSubtree ?? false;
      const [{ n: changed }] = await m.query(
        `WITH target AS (
           SELECT id, phase FROM committees
            WHERE path <@ CAST($1 AS ltree) AND ($2::boolean OR id = $3::int)
              AND archived_at IS NULL AND phase <> $4
            ORDER BY id
              FOR UPDATE
         ), changed AS (
           UPDATE committees c SET phase = $4, phase_started_at = $5::date, updated_at = now()
             FROM target t WHERE c.id = t.id
           RETURNING c.id, t.phase AS from_phase
         ), recorded AS (
           INSERT INTO committee_phase_changes (committee_id, from_phase, to_phase, started_on, actor_id, actor_username)
           SELECT id, from_phase, $4, $5::date, $6::uuid, $7 FROM changed
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM recorded`,
        [c.path, subtree, id, dto.phase, startedOn, principal.id, principal.username],
      );
      await this.audit.record(m, principal, {
        action: 'committee.phase',
        entityType: 'committee',
        entityId: id,
        committeeId: id,
        details: { phase: dto.phase, startedOn, applyToSubtree: subtree, changed },
      });
      return { committee: await this.respond(m, await m.findOneByOrFail(Committee, { id })), changed };
    });
  }

  private async recordPhaseChange(
    m: EntityManager,
    principal: Principal,
    committeeId: number,
    fromPhase: RolloutPhase | null,
    toPhase: RolloutPhase,
    startedOn: string | null,
  ): Promise<void> {
    await m.insert(CommitteePhaseChange, {
      committeeId,
      fromPhase,
      toPhase,
      startedOn,
      actorId: principal.id,
      actorUsername: principal.username,
    });
  }

  private async resolveParent(m: EntityManager, principal: Principal, parentId: number | null): Promise<Committee | null> {
    if (parentId === null) {
      if (scopePath(principal) !== null) throw CommitteeErrors.rootNotAllowed();
      return null;
    }
    const parent = await this.findReferenced(m, principal, parentId, CommitteeErrors.parentNotFound, true);
    if (parent.archivedAt) throw CommitteeErrors.parentArchived();
    return parent;
  }

  private async assertCodeFree(m: EntityManager, code: string): Promise<void> {
    if (await m.existsBy(Committee, { code })) throw CommitteeErrors.codeTaken();
  }

  /** Direct children that are not archived (what the tree shows). */
  private async childCounts(m: EntityManager, ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows: { parent_id: number; n: number }[] = await m.query(
      `SELECT parent_id, count(*)::int AS n FROM committees
        WHERE parent_id = ANY($1::int[]) AND archived_at IS NULL GROUP BY parent_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.parent_id, r.n]));
  }

  // ---- added for the member import (members helper, issue 14): committees by code, in the caller's scope or not ----

  /**
   * The committees whose code, in lower case, is one of `lowerCodes`, each with `inScope` (whether it
   * lies in the caller's subtree): the member import answers an out-of-scope code like an unknown one.
   */
  findByCodes(m: EntityManager, principal: Principal, lowerCodes: string[]): Promise<CommitteeByCode[]> {
    return m.query(
      `SELECT id, code, kind, archived_at IS NOT NULL AS archived, ${inScopeSql('path', '$2')} AS "inScope"
         FROM committees WHERE lower(code) = ANY($1::text[])`,
      [lowerCodes, scopePath(principal)],
    );
  }
}

/** A committee found by its code (CommitteesService.findByCodes). */
export interface CommitteeByCode {
  id: number;
  code: string;
  kind: CommitteeKind;
  archived: boolean;
  inScope: boolean;
}

export function assertKindUnder(kind: CommitteeKind, parentKind: CommitteeKind | null): void {
  const ok = parentKind === null ? ROOT_KINDS.includes(kind) : CHILD_KINDS[parentKind].includes(kind);
  if (!ok) throw CommitteeErrors.kindNotAllowed(kind, parentKind);
}
