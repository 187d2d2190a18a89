import { Injectable } from '@nestjs/common';
import { AuditService, diff } from '../audit/audit.service.js';
import type { AdminListQuery, ListPage } from '../common/admin-list.js';
import { ApiError } from '../common/errors.js';
import { localDate } from '../common/dates.js';
import type { Principal } from '../common/principal.js';
import { pathInSubtree, scopePath } from '../common/scope.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Committee, CommitteeKind, RolloutPhase } from './committee.entity.js';
import { CommitteeDependents } from './committee-dependents.js';
import { CommitteeRepository, type CommitteeByCode } from './committee.repository.js';

export type { CommitteeByCode } from './committee.repository.js';
import { CommitteeErrors } from './committees.errors.js';
import { CHILD_KINDS, kindAllowedUnder } from './committees.rules.js';
import type { CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto.js';
import { toCommitteeResponse, type CommitteeResponse } from './dto/committee.response.js';
import type { ChangeCommitteePhaseDto } from './dto/committee-phase.dto.js';
import {
  toPhaseChangeResponse,
  type CommitteePhaseChangeResponse,
  type CommitteePhaseRolloutResponse,
} from './dto/committee-phase.response.js';
import { refuseCleared } from '../common/validation.js';

const today = () => localDate();

@Injectable()
export class CommitteesService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: CommitteeRepository,
    private readonly dependents: CommitteeDependents,
    private readonly audit: AuditService,
  ) {}

  /**
   * Archived (merged or dissolved) committees are left out unless `archived` is asked for, or the
   * list is a getMany by id (react-admin resolves references to them, e.g. in transfer histories).
   */
  async list(principal: Principal, query: AdminListQuery): Promise<ListPage<CommitteeResponse>> {
    const page = await this.repo.list(principal, query);
    const counts = await this.repo.childCounts(
      this.tx.none,
      page.items.map((c) => c.id),
    );
    return { ...page, items: page.items.map((c) => toCommitteeResponse(c, counts.get(c.id) ?? 0)) };
  }

  async get(principal: Principal, id: number): Promise<CommitteeResponse> {
    return this.respond(this.tx.none, await this.findInScope(this.tx.none, principal, id));
  }

  /** The response for a committee as it is (its child count read through `tx`). */
  async respond(tx: Tx, c: Committee): Promise<CommitteeResponse> {
    return toCommitteeResponse(c, (await this.repo.childCounts(tx, [c.id])).get(c.id) ?? 0);
  }

  /**
   * The committee if it exists and lies in the caller's subtree; otherwise a 404, the same for both.
   * Other modules use it to check a committee id they were given.
   */
  findInScope(tx: Tx, principal: Principal, id: number, lock = false): Promise<Committee> {
    return this.repo.findInScope(tx, principal, id, lock);
  }

  /**
   * A committee that a request body refers to (a parent, a branch, a home committee): when it does
   * not exist or lies outside the caller's scope, `missing()` is thrown (a validation error on that
   * field); any other failure (the database being away) propagates as itself.
   */
  async findReferenced(tx: Tx, principal: Principal, id: number, missing: () => Error, lock = false): Promise<Committee> {
    try {
      return await this.findInScope(tx, principal, id, lock);
    } catch (e) {
      if (e instanceof ApiError && e.getStatus() === 404) throw missing();
      throw e;
    }
  }

  async create(principal: Principal, dto: CreateCommitteeDto): Promise<CommitteeResponse> {
    return this.tx.run(async (tx) => {
      const parent = await this.resolveParent(tx, principal, dto.parentId ?? null);
      assertKindUnder(dto.kind, parent?.kind ?? null);
      await this.assertCodeFree(tx, dto.code);
      // the id is drawn first because the path ends with it
      const id = await this.repo.nextId(tx);
      const phase = dto.phase ?? 'not_started';
      const phaseStartedAt = dto.phaseStartedAt ?? (phase === 'not_started' ? null : today());
      await this.repo.insert(tx, {
        id,
        name: dto.name.trim(),
        code: dto.code,
        kind: dto.kind,
        parentId: parent?.id ?? null,
        path: parent ? `${parent.path}.${id}` : String(id),
        phase,
        phaseStartedAt,
        targetInstallRate: dto.targetInstallRate ?? null,
      });
      if (phase !== 'not_started') await this.recordPhaseChange(tx, principal, id, null, phase, phaseStartedAt);
      const saved = await this.repo.get(tx, id);
      await this.audit.record(tx, principal, {
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
    refuseCleared(dto, ['name', 'code', 'kind', 'phase']);
    return this.tx.run(async (tx) => {
      const c = await this.findInScope(tx, principal, id, true);
      if (c.archivedAt) throw CommitteeErrors.archived();
      const kind = dto.kind ?? c.kind;
      const moving = dto.parentId !== undefined && dto.parentId !== c.parentId;
      // a form that sends the unchanged kind (the dashboard sends every field) does not re-kind
      const rekinding = dto.kind !== undefined && dto.kind !== c.kind;
      if ((moving || rekinding) && c.path === principal.committeePath) throw CommitteeErrors.outsideScopeRoot();
      const parent = moving
        ? await this.resolveParent(tx, principal, dto.parentId ?? null)
        : c.parentId
          ? await this.repo.get(tx, c.parentId)
          : null;
      if (moving && parent && pathInSubtree(parent.path, c.path)) {
        throw CommitteeErrors.moveIntoOwnSubtree();
      }
      if (moving || dto.kind !== undefined) {
        assertKindUnder(kind, parent?.kind ?? null);
        const childKinds = await this.repo.childKinds(tx, id);
        if (childKinds.some((k) => !CHILD_KINDS[kind].includes(k))) throw CommitteeErrors.childrenForbidKind(kind);
      }
      if (dto.code !== undefined && dto.code !== c.code) await this.assertCodeFree(tx, dto.code);

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
        await this.repo.update(tx, id, values);
        if (changed.phase) {
          await this.recordPhaseChange(tx, principal, id, c.phase, changes.phase!, changes.phaseStartedAt ?? null);
        } else if (changed.phaseStartedAt) {
          // the start of the current phase was corrected: the timeline's last step carries the date
          await this.repo.correctPhaseStart(tx, id, changes.phaseStartedAt ?? null, c.phase);
        }
        await this.audit.record(tx, principal, {
          action: 'committee.update',
          entityType: 'committee',
          entityId: id,
          committeeId: id,
          details: { changes: changed },
        });
      }
      if (moving) {
        const subtreeSize = await this.repo.subtreeSize(tx, c.path);
        // one statement rewrites the path of the committee and of everything below it
        const newPrefix = parent ? `${parent.path}.${id}` : String(id);
        await this.repo.moveSubtree(tx, c, newPrefix, parent?.id ?? null);
        await this.audit.record(tx, principal, {
          action: 'committee.move',
          entityType: 'committee',
          entityId: id,
          committeeId: id,
          details: { fromParentId: c.parentId, toParentId: parent?.id ?? null, fromPath: c.path, toPath: newPrefix, subtreeSize },
        });
      }
      return this.respond(tx, await this.repo.get(tx, id));
    });
  }

  async remove(principal: Principal, id: number): Promise<CommitteeResponse> {
    return this.tx.run(async (tx) => {
      const c = await this.findInScope(tx, principal, id, true);
      if (c.path === principal.committeePath) throw CommitteeErrors.outsideScopeRoot();
      if (c.archivedAt) throw CommitteeErrors.archived();
      // the rows of the modules above (members, accounts) are counted by those modules (CommitteeDependents)
      const children = await this.repo.countChildren(tx, id);
      const held = await this.dependents.countIn(tx, id);
      if (children || Object.values(held).some((n) => n > 0)) {
        const { members = 0, accounts = 0, ...others } = held;
        throw CommitteeErrors.notEmpty(children, members, accounts, others);
      }
      await this.repo.delete(tx, id);
      // the committee is gone: the line belongs to its parent, so the admins of that subtree can still read it
      await this.audit.record(tx, principal, {
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
    await this.findInScope(this.tx.none, principal, id);
    return (await this.repo.phaseHistory(this.tx.none, id)).map(toPhaseChangeResponse);
  }

  /**
   * Moves a committee, and with `applyToSubtree` every active committee below it, to a phase: one
   * UPDATE and one INSERT ... SELECT of history rows (a single statement), audited once with the count.
   * Committees already in the phase are left alone and keep their date.
   */
  async rolloutPhase(principal: Principal, id: number, dto: ChangeCommitteePhaseDto): Promise<CommitteePhaseRolloutResponse> {
    return this.tx.run(async (tx) => {
      const c = await this.findInScope(tx, principal, id, true);
      if (c.archivedAt) throw CommitteeErrors.archived();
      const startedOn = dto.startedOn ?? today();
      const subtree = dto.applyToSubtree ?? false;
      const changed = await this.repo.rolloutPhase(tx, c, {
        phase: dto.phase,
        startedOn,
        subtree,
        actorId: principal.id,
        actorUsername: principal.username,
      });
      await this.audit.record(tx, principal, {
        action: 'committee.phase',
        entityType: 'committee',
        entityId: id,
        committeeId: id,
        details: { phase: dto.phase, startedOn, applyToSubtree: subtree, changed },
      });
      return { committee: await this.respond(tx, await this.repo.get(tx, id)), changed };
    });
  }

  private async recordPhaseChange(
    tx: Tx,
    principal: Principal,
    committeeId: number,
    fromPhase: RolloutPhase | null,
    toPhase: RolloutPhase,
    startedOn: string | null,
  ): Promise<void> {
    await this.repo.recordPhaseChange(tx, {
      committeeId,
      fromPhase,
      toPhase,
      startedOn,
      actorId: principal.id,
      actorUsername: principal.username,
    });
  }

  private async resolveParent(tx: Tx, principal: Principal, parentId: number | null): Promise<Committee | null> {
    if (parentId === null) {
      if (scopePath(principal) !== null) throw CommitteeErrors.rootNotAllowed();
      return null;
    }
    const parent = await this.findReferenced(tx, principal, parentId, CommitteeErrors.parentNotFound, true);
    if (parent.archivedAt) throw CommitteeErrors.parentArchived();
    return parent;
  }

  private async assertCodeFree(tx: Tx, code: string): Promise<void> {
    if (await this.repo.codeExists(tx, code)) throw CommitteeErrors.codeTaken();
  }

  /**
   * The committees with these ids, archived ones included, whatever the caller's scope (the caller
   * has scoped the rows that name them): e.g. the target committees of the surveys on a page.
   */
  byIds(tx: Tx, ids: number[]): Promise<Map<number, Committee>> {
    return this.repo.byIds(tx, ids);
  }

  /**
   * The committee with this id whatever the caller's scope, or null: to show the committee of a row
   * already found in scope (an FAQ entry's publisher, an unanswered question's latest asker).
   */
  findById(tx: Tx, id: number): Promise<Committee | null> {
    return this.repo.findById(tx, id);
  }

  /**
   * The committees whose code, in lower case, is one of `lowerCodes`, each with `inScope` (whether it
   * lies in the caller's subtree): the member import answers an out-of-scope code like an unknown one.
   */
  /** The committees from the root of the tree down to `committeeId`, inclusive (id, name, kind), unscoped. */
  chainTo(tx: Tx, committeeId: number): Promise<Committee[]> {
    return this.repo.chainTo(tx, committeeId);
  }

  findByCodes(tx: Tx, principal: Principal, lowerCodes: string[]): Promise<CommitteeByCode[]> {
    return this.repo.findByCodes(tx, scopePath(principal), lowerCodes);
  }
}

export function assertKindUnder(kind: CommitteeKind, parentKind: CommitteeKind | null): void {
  if (!kindAllowedUnder(kind, parentKind)) throw CommitteeErrors.kindNotAllowed(kind, parentKind);
}
