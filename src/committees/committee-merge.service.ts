import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { localDate } from '../common/dates.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { pathInSubtree } from '../common/scope.js';
import { Transactions, type Tx } from '../database/transactions.js';
import type { Committee, CommitteeKind } from './committee.entity.js';
import { CommitteeDependents, type CommitteeMerge } from './committee-dependents.js';
import { CommitteeRepository } from './committee.repository.js';
import { CommitteeErrors } from './committees.errors.js';
import { CHILD_KINDS } from './committees.rules.js';
import { CommitteesService } from './committees.service.js';
import type { MergeCommitteeDto } from './dto/committee-merge.dto.js';
import type { CommitteeMergeResponse } from './dto/committee-merge.response.js';

/**
 * Restructuring (hợp nhất, sáp nhập): committee A is merged into committee B. In one transaction
 * A's sub-committees move under B with their whole subtrees, A's current members move to B (each
 * with a `restructuring` transfer row), A's accounts take B as their home, and A is archived with
 * `mergedIntoId = B`. Members who had left stay in A's register: that is where they stood.
 * Every step is one set-based statement, so a district of thousands of members moves at once and
 * nobody is lost or counted twice. The committees module moves the tree itself; the modules above
 * it (members, accounts, correction requests) check and move their own rows as registered
 * `CommitteeMergeParticipant`s, called here inside the merge's transaction.
 */
@Injectable()
export class CommitteeMergeService {
  constructor(
    private readonly tx: Transactions,
    private readonly repo: CommitteeRepository,
    private readonly committees: CommitteesService,
    private readonly participants: CommitteeDependents,
    private readonly audit: AuditService,
  ) {}

  async merge(principal: Principal, id: number, dto: MergeCommitteeDto): Promise<CommitteeMergeResponse> {
    const mergedOn = dto.mergedOn ?? localDate();
    if (mergedOn > localDate()) throw ApiError.validation({ mergedOn: 'mergedOn cannot be in the future' });
    return this.tx.run(async (tx) => {
      const { source, target } = await this.lockBoth(tx, principal, id, dto.targetId);
      if (source.archivedAt) throw CommitteeErrors.archived();
      if (pathInSubtree(target.path, source.path)) throw CommitteeErrors.mergeIntoOwnSubtree();
      if (target.archivedAt) throw CommitteeErrors.mergeTargetArchived();
      if (source.path === principal.committeePath) throw CommitteeErrors.outsideScopeRoot();
      const merge: CommitteeMerge = { source, target, mergedOn, reason: dto.reason?.trim() ?? null, principal };

      const before = await this.repo.countBelow(tx, source);
      // the target must be able to hold what moves: the sub-committees' kinds here, members and accounts by their modules
      this.assertChildrenFit(source, target, await this.repo.childKinds(tx, source.id));
      for (const p of this.participants.all()) await p.check?.(tx, merge);

      // 1. the sub-committees, with everything below them, now stand under the target
      await this.repo.moveChildrenUnder(tx, source, target);
      // 2. what the modules above keep in the merged committee: requests to correct a record that follow the
      //    members who move, the current members (each with one restructuring transfer row), the accounts
      const counts: Record<string, number> = {};
      for (const p of this.participants.all()) counts[p.name] = await p.move(tx, merge);
      // 3. the merged committee is archived where it stood; its phase and history stay
      await this.repo.archiveMerged(tx, source.id, target.id);
      const { members = 0, accounts = 0, ...others } = counts;
      const moved = { children: before.children, members, accounts };
      await this.audit.record(tx, principal, {
        action: 'committee.merge',
        entityType: 'committee',
        entityId: source.id,
        committeeId: source.id,
        details: {
          targetId: target.id,
          targetName: target.name,
          fromPath: source.path,
          mergedOn,
          reason: merge.reason,
          moved: { ...moved, committees: before.descendants, ...others },
        },
      });
      return { target: await this.committees.respond(tx, await this.repo.get(tx, target.id)), moved };
    });
  }

  /** Both committees in the caller's scope (else 404), locked in id order so opposite merges cannot deadlock. */
  private async lockBoth(tx: Tx, principal: Principal, sourceId: number, targetId: number) {
    const find = (cid: number) =>
      cid === sourceId
        ? this.committees.findInScope(tx, principal, cid, true)
        : this.committees.findReferenced(tx, principal, cid, CommitteeErrors.mergeTargetNotFound, true);
    if (sourceId === targetId) {
      const c = await find(sourceId);
      return { source: c, target: c };
    }
    if (sourceId < targetId) {
      const source = await find(sourceId);
      return { source, target: await find(targetId) };
    }
    const target = await find(targetId);
    return { source: await find(sourceId), target };
  }

  /** The sub-committees' kinds must be allowed under the target. */
  private assertChildrenFit(source: Committee, target: Committee, childKinds: CommitteeKind[]): void {
    const refused = childKinds.filter((k) => !CHILD_KINDS[target.kind].includes(k));
    if (refused.length) {
      throw CommitteeErrors.mergeTargetKind(
        `the sub-committees of ${source.name} (${refused.join(', ')}) cannot stand under a ${target.kind} committee`,
      );
    }
  }
}
