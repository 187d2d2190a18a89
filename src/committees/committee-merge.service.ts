import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { homeCommitteeProblem } from '../accounts/account-rules.js';
import { AuditService } from '../audit/audit.service.js';
import { localDate } from '../common/dates.js';
import { ApiError } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import type { Role } from '../common/roles.js';
import { Committee, type CommitteeKind } from './committee.entity.js';
import { CHILD_KINDS, CommitteeErrors, MEMBER_HOLDING_KINDS } from './committees.errors.js';
import { CommitteesService } from './committees.service.js';
import type { MergeCommitteeDto } from './dto/committee-merge.dto.js';
import type { CommitteeMergeResponse } from './dto/committee-merge.response.js';

/**
 * Restructuring (hợp nhất, sáp nhập): committee A is merged into committee B. In one transaction
 * A's sub-committees move under B with their whole subtrees, A's current members move to B (each
 * with a `restructuring` transfer row), A's accounts take B as their home, and A is archived with
 * `mergedIntoId = B`. Members who had left stay in A's register: that is where they stood.
 * Every step is one set-based statement, so a district of thousands of members moves at once and
 * nobody is lost or counted twice.
 */
@Injectable()
export class CommitteeMergeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
  ) {}

  async merge(principal: Principal, id: number, dto: MergeCommitteeDto): Promise<CommitteeMergeResponse> {
    const mergedOn = dto.mergedOn ?? localDate();
    if (mergedOn > localDate()) throw ApiError.validation({ mergedOn: 'mergedOn cannot be in the future' });
    return this.db.transaction(async (m) => {
      const { source, target } = await this.lockBoth(m, principal, id, dto.targetId);
      if (source.archivedAt) throw CommitteeErrors.archived();
      if (target.id === source.id || target.path.startsWith(`${source.path}.`)) throw CommitteeErrors.mergeIntoOwnSubtree();
      if (target.archivedAt) throw CommitteeErrors.mergeTargetArchived();
      if (source.path === principal.committeePath) throw CommitteeErrors.outsideScopeRoot();

      const [before] = await m.query(
        `SELECT (SELECT count(*) FROM committees WHERE parent_id = $1)::int AS children,
                (SELECT count(*) FROM committees WHERE path <@ CAST($2 AS ltree) AND id <> $1)::int AS descendants,
                (SELECT count(*) FROM members WHERE committee_id = $1 AND end_state IS NULL)::int AS members`,
        [source.id, source.path],
      );
      const childKinds: CommitteeKind[] = (await m.query(`SELECT DISTINCT kind FROM committees WHERE parent_id = $1`, [source.id])).map(
        (r: { kind: CommitteeKind }) => r.kind,
      );
      const accounts: { role: Role; n: number }[] = await m.query(
        `SELECT role, count(*)::int AS n FROM users WHERE committee_id = $1 GROUP BY role`,
        [source.id],
      );
      this.assertTargetFits(source, target, childKinds, before.members, accounts.map((a) => a.role));
      // merging into an ancestor would silently hand the staff of the merged committee the ancestor's whole subtree
      const staff = accounts.filter((a) => a.role !== 'member').reduce((sum, a) => sum + a.n, 0);
      if (staff && source.path.startsWith(`${target.path}.`)) throw CommitteeErrors.mergeWidensScope(staff);

      // 1. the sub-committees, with everything below them, now stand under the target
      await m.query(
        `UPDATE committees
            SET path = CAST($1 AS ltree) || subpath(path, nlevel(CAST($2 AS ltree))),
                parent_id = CASE WHEN parent_id = $3::int THEN $4::int ELSE parent_id END,
                updated_at = now()
          WHERE path <@ CAST($2 AS ltree) AND id <> $3::int`,
        [target.path, source.path, source.id, target.id],
      );
      // 2. requests to correct a record follow the members who move (decided ones stay as history)
      const [{ n: corrections }] = await m.query(
        `WITH moved AS (
           UPDATE member_correction_requests r SET committee_id = $2
             FROM members mm
            WHERE r.member_id = mm.id AND r.committee_id = $1 AND r.status = 'pending'
              AND mm.committee_id = $1 AND mm.end_state IS NULL
           RETURNING 1
         ) SELECT count(*)::int AS n FROM moved`,
        [source.id, target.id],
      );
      // 3. the current members move, each with exactly one restructuring transfer row
      const [{ n: members }] = await m.query(
        `WITH moved AS (
           UPDATE members SET committee_id = $2, updated_at = now()
            WHERE committee_id = $1 AND end_state IS NULL
           RETURNING id
         ), recorded AS (
           INSERT INTO member_transfers (member_id, from_committee_id, to_committee_id, transferred_on, kind, reason, actor_id)
           SELECT id, $1, $2, $3::date, 'restructuring', $4, $5::uuid FROM moved
           RETURNING 1
         ) SELECT count(*)::int AS n FROM recorded`,
        [source.id, target.id, mergedOn, dto.reason?.trim() ?? null, principal.id],
      );
      // 4. the accounts of the merged committee take the target as their home
      const [{ n: movedAccounts }] = await m.query(
        `WITH moved AS (UPDATE users SET committee_id = $2, updated_at = now() WHERE committee_id = $1 RETURNING 1)
         SELECT count(*)::int AS n FROM moved`,
        [source.id, target.id],
      );
      // 5. the merged committee is archived where it stood; its phase and history stay
      await m.query(`UPDATE committees SET archived_at = now(), merged_into_id = $2, updated_at = now() WHERE id = $1`, [
        source.id,
        target.id,
      ]);
      const moved = { children: before.children, members, accounts: movedAccounts };
      await this.audit.record(m, principal, {
        action: 'committee.merge',
        entityType: 'committee',
        entityId: source.id,
        committeeId: source.id,
        details: {
          targetId: target.id,
          targetName: target.name,
          fromPath: source.path,
          mergedOn,
          reason: dto.reason?.trim() ?? null,
          moved: { ...moved, committees: before.descendants, pendingCorrections: corrections },
        },
      });
      return { target: await this.committees.respond(m, await m.findOneByOrFail(Committee, { id: target.id })), moved };
    });
  }

  /** Both committees in the caller's scope (else 404), locked in id order so opposite merges cannot deadlock. */
  private async lockBoth(m: EntityManager, principal: Principal, sourceId: number, targetId: number) {
    const find = (cid: number) =>
      cid === sourceId
        ? this.committees.findInScope(m, principal, cid, true)
        : this.committees.findReferenced(m, principal, cid, CommitteeErrors.mergeTargetNotFound, true);
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

  /** The target must be able to hold what moves: the sub-committees' kinds, members, and the accounts' roles. */
  private assertTargetFits(source: Committee, target: Committee, childKinds: CommitteeKind[], members: number, roles: Role[]): void {
    const refused = childKinds.filter((k) => !CHILD_KINDS[target.kind].includes(k));
    if (refused.length) {
      throw CommitteeErrors.mergeTargetKind(
        `the sub-committees of ${source.name} (${refused.join(', ')}) cannot stand under a ${target.kind} committee`,
      );
    }
    const holdsMembers = MEMBER_HOLDING_KINDS.includes(target.kind);
    if (members > 0 && !holdsMembers) {
      throw CommitteeErrors.mergeTargetKind(`${source.name} has ${members} current member(s); members belong to a branch or a grassroots organisation`);
    }
    for (const role of roles) {
      const problem = role === 'member' && !holdsMembers ? 'member accounts belong to a branch or a grassroots organisation' : homeCommitteeProblem(role, target);
      if (problem) throw CommitteeErrors.mergeTargetKind(`the ${role} accounts of ${source.name} cannot have it as their home: ${problem}`);
    }
  }
}
