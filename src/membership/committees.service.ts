import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  enumFilter,
  idsFilter,
  intFilter,
  runListQuery,
  searchFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { scopeCommitteePath, scopePath } from '../common/scope.js';
import { Committee, COMMITTEE_KINDS, ROLLOUT_PHASES, type CommitteeKind } from './committee.entity.js';
import { CHILD_KINDS, CommitteeErrors, ROOT_KINDS } from './committees.errors.js';
import type { CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { toCommitteeResponse, type CommitteeResponse } from './dto/committee.response.js';

/**
 * admin-list accepts any safe integer for these filters, but committee ids are PostgreSQL
 * `integer`s: a larger value made the query fail with a 500. Refuse it as a bad list query.
 */
const INT4_MAX = 2_147_483_647;
function withinInt4(handler: FilterHandler<Committee>, name: string): FilterHandler<Committee> {
  return (qb, value, p) => {
    if ((Array.isArray(value) ? value : [value]).some((v) => Number(v) > INT4_MAX)) {
      throw ApiError.badRequest(`${name} is out of range`, { filter: `${name} is out of range` }, 'INVALID_LIST_QUERY');
    }
    handler(qb, value, p);
  };
}

/**
 * Null-prototype maps: admin-list looks fields and filters up with `in`, so on plain objects
 * `sort=["__proto__","ASC"]` or `filter={"constructor":1}` matched inherited members (a 500, a
 * silently ignored filter, and with `__proto__` a polluted Object.prototype that broke every later
 * TypeORM `findBy` of the process).
 */
const dict = <T>(entries: Record<string, T>): Record<string, T> => Object.assign(Object.create(null), entries);

const LIST: ListSpec<Committee> = {
  sortable: dict({ id: 'c.id', name: 'c.name', code: 'c.code', kind: 'c.kind', phase: 'c.phase', path: 'c.path', createdAt: 'c.createdAt' }),
  defaultSort: ['path', 'ASC'],
  tieBreaker: 'c.id',
  filters: dict<FilterHandler<Committee>>({
    id: withinInt4(idsFilter('c.id', 'int'), 'id'),
    q: searchFilter('c.name', 'c.code'),
    parentId: withinInt4(intFilter('c.parentId'), 'parentId'),
    kind: enumFilter('c.kind', COMMITTEE_KINDS),
    phase: enumFilter('c.phase', ROLLOUT_PHASES),
  }),
};

const today = () => new Date().toISOString().slice(0, 10);

@Injectable()
export class CommitteesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<CommitteeResponse>> {
    const qb = scopeCommitteePath(this.db.getRepository(Committee).createQueryBuilder('c'), principal, 'c.path');
    const page = await runListQuery(qb, LIST, query);
    const counts = await this.childCounts(this.db.manager, page.items.map((c) => c.id));
    return { ...page, items: page.items.map((c) => toCommitteeResponse(c, counts.get(c.id) ?? 0)) };
  }

  async get(principal: Principal, id: number): Promise<CommitteeResponse> {
    const c = await this.findInScope(this.db.manager, principal, id);
    return toCommitteeResponse(c, (await this.childCounts(this.db.manager, [c.id])).get(c.id) ?? 0);
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

  async create(principal: Principal, dto: CreateCommitteeDto): Promise<CommitteeResponse> {
    return this.db.transaction(async (m) => {
      const parent = await this.resolveParent(m, principal, dto.parentId ?? null);
      assertKindUnder(dto.kind, parent?.kind ?? null);
      await this.assertCodeFree(m, dto.code);
      const [{ id }] = await m.query(`SELECT nextval(pg_get_serial_sequence('committees', 'id'))::int AS id`);
      const phase = dto.phase ?? 'not_started';
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
          dto.phaseStartedAt ?? (phase === 'not_started' ? null : today()),
          dto.targetInstallRate ?? null,
        ],
      );
      return toCommitteeResponse(await m.findOneByOrFail(Committee, { id }), 0);
    });
  }

  async update(principal: Principal, id: number, dto: UpdateCommitteeDto): Promise<CommitteeResponse> {
    return this.db.transaction(async (m) => {
      const c = await this.findInScope(m, principal, id, true);
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
      if (dto.name !== undefined) changes.name = dto.name.trim();
      if (dto.code !== undefined) changes.code = dto.code;
      if (dto.kind !== undefined) changes.kind = dto.kind;
      if (dto.targetInstallRate !== undefined) changes.targetInstallRate = dto.targetInstallRate;
      if (dto.phase !== undefined && dto.phase !== c.phase) {
        changes.phase = dto.phase;
        changes.phaseStartedAt = dto.phaseStartedAt ?? today();
      } else if (dto.phaseStartedAt !== undefined) {
        changes.phaseStartedAt = dto.phaseStartedAt;
      }
      if (Object.keys(changes).length) await m.update(Committee, { id }, changes);
      if (moving) {
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
      }
      const saved = await m.findOneByOrFail(Committee, { id });
      return toCommitteeResponse(saved, (await this.childCounts(m, [id])).get(id) ?? 0);
    });
  }

  async remove(principal: Principal, id: number): Promise<CommitteeResponse> {
    return this.db.transaction(async (m) => {
      const c = await this.findInScope(m, principal, id, true);
      if (c.path === principal.committeePath) throw CommitteeErrors.outsideScopeRoot();
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
      return toCommitteeResponse(c, 0);
    });
  }

  private async resolveParent(m: EntityManager, principal: Principal, parentId: number | null): Promise<Committee | null> {
    if (parentId === null) {
      if (scopePath(principal) !== null) throw CommitteeErrors.rootNotAllowed();
      return null;
    }
    try {
      return await this.findInScope(m, principal, parentId, true);
    } catch {
      throw CommitteeErrors.parentNotFound();
    }
  }

  private async assertCodeFree(m: EntityManager, code: string): Promise<void> {
    if (await m.existsBy(Committee, { code })) throw CommitteeErrors.codeTaken();
  }

  private async childCounts(m: EntityManager, ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows: { parent_id: number; n: number }[] = await m.query(
      `SELECT parent_id, count(*)::int AS n FROM committees WHERE parent_id = ANY($1::int[]) GROUP BY parent_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.parent_id, r.n]));
  }
}

function assertKindUnder(kind: CommitteeKind, parentKind: CommitteeKind | null): void {
  const ok = parentKind === null ? ROOT_KINDS.includes(kind) : CHILD_KINDS[parentKind].includes(kind);
  if (!ok) throw CommitteeErrors.kindNotAllowed(kind, parentKind);
}
