import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Role } from '../common/roles.js';
import { pathInSubtree } from '../common/scope.js';
import { CommitteeDependents, type CommitteeMerge, type CommitteeMergeParticipant } from '../committees/committee-dependents.js';
import { CommitteeErrors } from '../committees/committees.errors.js';
import { holdsMembers } from '../committees/committees.rules.js';
import type { Tx } from '../database/transactions.js';
import { homeCommitteeProblem } from './accounts.rules.js';
import { UsersService } from './users.service.js';

/**
 * Accounts' part in the committee tree (`users.committee_id`, the home committee): a committee that
 * is some account's home is not deleted, and a merge gives the accounts of the merged committee the
 * target as their home, if the target suits their role. Runs in the committees module's transaction.
 */
@Injectable()
export class AccountCommitteeMerge implements CommitteeMergeParticipant, OnModuleInit {
  readonly name = 'accounts';
  /** After the members (20): a target refused for the members is reported as such. */
  readonly order = 30;

  constructor(
    private readonly dependents: CommitteeDependents,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.dependents.register(this);
  }

  countIn(tx: Tx, committeeId: number): Promise<number> {
    return this.users.countInCommittee(tx, committeeId);
  }

  /** The target must suit every role homed in the source, and must not widen the staff's scope. */
  async check(tx: Tx, { source, target }: CommitteeMerge): Promise<void> {
    const accounts: { role: Role; n: number }[] = await this.users.countRolesInCommittee(tx, source.id);
    for (const { role } of accounts) {
      const problem =
        role === 'member' && !holdsMembers(target.kind)
          ? 'member accounts belong to a branch or a grassroots organisation'
          : homeCommitteeProblem(role, target);
      if (problem) throw CommitteeErrors.mergeTargetKind(`the ${role} accounts of ${source.name} cannot have it as their home: ${problem}`);
    }
    // merging into an ancestor would silently hand the staff of the merged committee the ancestor's whole subtree
    const staff = accounts.filter((a) => a.role !== 'member').reduce((sum, a) => sum + a.n, 0);
    if (staff && pathInSubtree(source.path, target.path)) throw CommitteeErrors.mergeWidensScope(staff);
  }

  move(tx: Tx, { source, target }: CommitteeMerge): Promise<number> {
    return this.users.moveCommitteeAccounts(tx, source.id, target.id);
  }
}
