import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  enumFilter,
  idsFilter,
  intFilter,
  invalidListQuery,
  runListQuery,
  searchFilter,
  type AdminListQuery,
  type FilterHandler,
  type ListPage,
  type ListSpec,
} from '../common/admin-list.js';
import type { Principal } from '../common/principal.js';
import { inScopeSql, scopePath, scopeQuery, subtreeOf } from '../common/scope.js';
import type { Tx } from '../database/transactions.js';
import { Committee, COMMITTEE_KINDS, ROLLOUT_PHASES, type CommitteeKind, type RolloutPhase } from './committee.entity.js';
import { CommitteePhaseChange } from './committee-phase-change.entity.js';
import { CommitteeErrors } from './committees.errors.js';

/** A committees row as findInScope reads it: dates as text, the rate as a number (the entity's types). */
interface CommitteeRow {
  id: number;
  name: string;
  code: string;
  kind: CommitteeKind;
  parent_id: number | null;
  path: string;
  phase: RolloutPhase;
  phase_started_at: string | null;
  target_install_rate: number | null;
  archived_at: Date | null;
  merged_into_id: number | null;
  created_at: Date;
  updated_at: Date;
}

/** findInScope's statement (bench/paths.ts runs the same): the committee by id, if in the subtree bound to $2 (null: everything). */
export const COMMITTEE_IN_SCOPE_SQL = `SELECT c.id, c.name, c.code, c.kind, c.parent_id, c.path::text AS path, c.phase,
       c.phase_started_at::text AS phase_started_at, c.target_install_rate::float8 AS target_install_rate,
       c.archived_at, c.merged_into_id, c.created_at, c.updated_at
  FROM committees c WHERE c.id = $1 AND ${inScopeSql('c.path', '$2')}`;
const COMMITTEE_IN_SCOPE_FOR_UPDATE_SQL = `${COMMITTEE_IN_SCOPE_SQL} FOR UPDATE`;

function toCommittee(r: CommitteeRow): Committee {
  return Object.assign(new Committee(), {
    id: r.id,
    name: r.name,
    code: r.code,
    kind: r.kind,
    parentId: r.parent_id,
    path: r.path,
    phase: r.phase,
    phaseStartedAt: r.phase_started_at,
    targetInstallRate: r.target_install_rate,
    archivedAt: r.archived_at,
    mergedIntoId: r.merged_into_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

/** `true` (only archived), `false` (only active) or `"all"`; without it a list shows the active committees. */
const archivedFilter: FilterHandler = (qb, value) => {
  if (value === true || value === 'true') qb.andWhere('c.archived_at IS NOT NULL');
  else if (value === false || value === 'false') qb.andWhere('c.archived_at IS NULL');
  else if (value !== 'all') invalidListQuery('filter', 'archived must be true, false or "all"');
};

/**
 * Archived (merged or dissolved) committees are left out unless `archived` is asked for, or the
 * list is a getMany by id (react-admin resolves references to them, e.g. in transfer histories).
 */
const LIST: ListSpec = {
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
  defaultFilter: { unlessFiltered: ['archived', 'id'], apply: (qb) => qb.andWhere('c.archived_at IS NULL') },
};

/** A new committee row; its id was drawn first (`nextId`) because its path ends with it. */
export interface NewCommittee {
  id: number;
  name: string;
  code: string;
  kind: CommitteeKind;
  parentId: number | null;
  path: string;
  phase: RolloutPhase;
  phaseStartedAt: string | null;
  targetInstallRate: number | null;
}

/** One step of a committee's rollout timeline, as written. */
export interface NewPhaseChange {
  committeeId: number;
  fromPhase: RolloutPhase | null;
  toPhase: RolloutPhase;
  startedOn: string | null;
  actorId: string;
  actorUsername: string;
}

/** The tables of the organisation tree: `committees` and `committee_phase_changes`. */
@Injectable()
export class CommitteeRepository {
  constructor(@InjectRepository(Committee) private readonly committees: Repository<Committee>) {}

  /** The admin list of the committees in the caller's subtree. */
  list(principal: Principal, query: AdminListQuery): Promise<ListPage<Committee>> {
    return runListQuery(scopeQuery(this.committees.createQueryBuilder('c'), principal, { pathColumn: 'c.path' }), LIST, query);
  }

  /**
   * The committee if it lies in the caller's subtree, else the committee 404 (`lock`: FOR UPDATE).
   * Every report and most scoped writes start here, so its SQL is a constant (no query builder per
   * request) and its row becomes the entity by hand (toCommittee), not by TypeORM's hydration.
   */
  async findInScope(tx: Tx, principal: Principal, id: number, lock = false): Promise<Committee> {
    const rows: CommitteeRow[] = await tx.query(lock ? COMMITTEE_IN_SCOPE_FOR_UPDATE_SQL : COMMITTEE_IN_SCOPE_SQL, [
      id,
      scopePath(principal),
    ]);
    if (!rows.length) throw CommitteeErrors.notFound();
    return toCommittee(rows[0]);
  }

  get(tx: Tx, id: number): Promise<Committee> {
    return tx.findOneByOrFail(Committee, { id });
  }

  codeExists(tx: Tx, code: string): Promise<boolean> {
    return tx.existsBy(Committee, { code });
  }

  /** Draws the id of a committee about to be created (its path ends with it). */
  async nextId(tx: Tx): Promise<number> {
    const [{ id }]: { id: number }[] = await tx.query(`SELECT nextval(pg_get_serial_sequence('committees', 'id'))::int AS id`);
    return id;
  }

  /** Inserts with the drawn id (TypeORM would drop an explicit generated id). */
  async insert(tx: Tx, c: NewCommittee): Promise<void> {
    await tx.query(
      `INSERT INTO committees (id, name, code, kind, parent_id, path, phase, phase_started_at, target_install_rate)
         VALUES ($1, $2, $3, $4, $5, CAST($6 AS ltree), $7, $8, $9)`,
      [c.id, c.name, c.code, c.kind, c.parentId, c.path, c.phase, c.phaseStartedAt, c.targetInstallRate],
    );
  }

  async update(tx: Tx, id: number, values: Partial<Committee>): Promise<void> {
    await tx.update(Committee, { id }, values);
  }

  async delete(tx: Tx, id: number): Promise<void> {
    await tx.delete(Committee, { id });
  }

  /** The kinds of the committee's direct children (archived ones included). */
  async childKinds(tx: Tx, id: number): Promise<CommitteeKind[]> {
    const rows: { kind: CommitteeKind }[] = await tx.query(`SELECT DISTINCT kind FROM committees WHERE parent_id = $1`, [id]);
    return rows.map((r) => r.kind);
  }

  /** Direct children, archived ones included. */
  async countChildren(tx: Tx, id: number): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM committees WHERE parent_id = $1`, [id]);
    return n;
  }

  /** Direct children and every committee below, archived ones included, the committee itself left out. */
  async countBelow(tx: Tx, c: Committee): Promise<{ children: number; descendants: number }> {
    const [row]: { children: number; descendants: number }[] = await tx.query(
      `SELECT (SELECT count(*) FROM committees WHERE parent_id = $1)::int AS children,
              (SELECT count(*) FROM committees WHERE ${subtreeOf('path', '$2')} AND id <> $1)::int AS descendants`,
      [c.id, c.path],
    );
    return row;
  }

  /** The committee and everything below it. */
  async subtreeSize(tx: Tx, path: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM committees WHERE ${subtreeOf('path', '$1')}`, [path]);
    return n;
  }

  /** Direct children that are not archived (what the tree shows), by parent id. */
  async childCounts(tx: Tx, ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows: { parent_id: number; n: number }[] = await tx.query(
      `SELECT parent_id, count(*)::int AS n FROM committees
        WHERE parent_id = ANY($1::int[]) AND archived_at IS NULL GROUP BY parent_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.parent_id, r.n]));
  }

  /** One statement rewrites the path of the committee and of everything below it; the committee takes its new parent. */
  async moveSubtree(tx: Tx, c: Committee, newPath: string, newParentId: number | null): Promise<void> {
    await tx.query(
      `UPDATE committees
              SET path = CASE WHEN id = $3 THEN CAST($1 AS ltree)
                              -- subpath() at offset nlevel(path) is an error ("invalid positions"), not ''
                              ELSE CAST($1 AS ltree) || subpath(path, nlevel(CAST($2 AS ltree))) END,
                  parent_id = CASE WHEN id = $3 THEN $4::int ELSE parent_id END,
                  updated_at = now()
            WHERE ${subtreeOf('path', '$2')}`,
      [newPath, c.path, c.id, newParentId],
    );
  }

  /** A merge's first step: the sub-committees of `source`, with everything below them, now stand under `target`. */
  async moveChildrenUnder(tx: Tx, source: Committee, target: Committee): Promise<void> {
    await tx.query(
      `UPDATE committees
            SET path = CAST($1 AS ltree) || subpath(path, nlevel(CAST($2 AS ltree))),
                parent_id = CASE WHEN parent_id = $3::int THEN $4::int ELSE parent_id END,
                updated_at = now()
          WHERE ${subtreeOf('path', '$2')} AND id <> $3::int`,
      [target.path, source.path, source.id, target.id],
    );
  }

  /** A merge's last step: the merged committee is archived where it stood; its phase and history stay. */
  async archiveMerged(tx: Tx, sourceId: number, targetId: number): Promise<void> {
    await tx.query(`UPDATE committees SET archived_at = now(), merged_into_id = $2, updated_at = now() WHERE id = $1`, [
      sourceId,
      targetId,
    ]);
  }

  async recordPhaseChange(tx: Tx, change: NewPhaseChange): Promise<void> {
    await tx.insert(CommitteePhaseChange, change);
  }

  /** The start of the current phase was corrected: the timeline's last step carries the date (if it led to that phase). */
  async correctPhaseStart(tx: Tx, committeeId: number, startedOn: string | null, currentPhase: RolloutPhase): Promise<void> {
    await tx.query(
      `UPDATE committee_phase_changes SET started_on = $2
              WHERE id = (SELECT id FROM committee_phase_changes WHERE committee_id = $1 ORDER BY changed_at DESC, id DESC LIMIT 1)
                AND to_phase = $3`,
      [committeeId, startedOn, currentPhase],
    );
  }

  /** The rollout timeline of a committee, oldest step first. */
  phaseHistory(tx: Tx, committeeId: number): Promise<CommitteePhaseChange[]> {
    return tx
      .getRepository(CommitteePhaseChange)
      .createQueryBuilder('p')
      .where('p.committee_id = :id', { id: committeeId })
      .orderBy('p.changed_at', 'ASC')
      .addOrderBy('p.started_on', 'ASC', 'NULLS FIRST')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  /**
   * Moves a committee, and with `subtree` every active committee below it, to a phase: one UPDATE
   * and one INSERT ... SELECT of history rows (a single statement). Committees already in the phase
   * are left alone and keep their date. Answers how many changed.
   */
  async rolloutPhase(
    tx: Tx,
    c: Committee,
    change: { phase: RolloutPhase; startedOn: string; subtree: boolean; actorId: string; actorUsername: string },
  ): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(
      `WITH target AS (
           SELECT id, phase FROM committees
            WHERE ${subtreeOf('path', '$1')} AND ($2::boolean OR id = $3::int)
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
      [c.path, change.subtree, c.id, change.phase, change.startedOn, change.actorId, change.actorUsername],
    );
    return n;
  }

  /** The committees with these ids, archived ones included, unscoped (for rows the caller has scoped already). */
  async byIds(tx: Tx, ids: number[]): Promise<Map<number, Committee>> {
    if (!ids.length) return new Map();
    const rows = await tx.getRepository(Committee).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).getMany();
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** The committee with this id, unscoped, or null. */
  findById(tx: Tx, id: number): Promise<Committee | null> {
    return tx.findOneBy(Committee, { id });
  }

  /**
   * The committees whose code, in lower case, is one of `lowerCodes`, each with `inScope` (whether it
   * lies under `scopePath`; null: everywhere): the member import answers an out-of-scope code like an unknown one.
   */
  findByCodes(tx: Tx, scopePath: string | null, lowerCodes: string[]): Promise<CommitteeByCode[]> {
    return tx.query(
      `SELECT id, code, kind, archived_at IS NOT NULL AS archived, ${inScopeSql('path', '$2')} AS "inScope"
         FROM committees WHERE lower(code) = ANY($1::text[])`,
      [lowerCodes, scopePath],
    );
  }

  /** The committees from the root down to `committeeId`, inclusive (id, name, kind): the ancestors on its ltree path. */
  async chainTo(tx: Tx, committeeId: number): Promise<Committee[]> {
    const rows: Pick<Committee, 'id' | 'name' | 'kind'>[] = await tx.query(
      `SELECT c.id, c.name, c.kind FROM committees c
        WHERE c.path @> (SELECT b.path FROM committees b WHERE b.id = $1)
        ORDER BY nlevel(c.path)`,
      [committeeId],
    );
    return rows.map((r) => Object.assign(new Committee(), r));
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
