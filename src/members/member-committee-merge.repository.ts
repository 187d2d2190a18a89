import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommitteeDependents, type CommitteeMerge, type CommitteeMergeParticipant } from '../committees/committee-dependents.js';
import { CommitteeErrors } from '../committees/committees.errors.js';
import { holdsMembers } from '../committees/committees.rules.js';
import type { Tx } from '../database/transactions.js';

/**
 * The register's part in the committee tree (`members`, `member_transfers`): a committee with
 * member records is not deleted, and a merge moves the current members of the merged committee to
 * the target, each with exactly one `restructuring` transfer row. Members who had left stay where
 * they stood. Runs in the committees module's transaction.
 */
@Injectable()
export class MemberCommitteeMerge implements CommitteeMergeParticipant, OnModuleInit {
  readonly name = 'members';
  /** After the pending correction requests (found through the members who move), before the accounts. */
  readonly order = 20;

  constructor(private readonly dependents: CommitteeDependents) {}

  onModuleInit(): void {
    this.dependents.register(this);
  }

  /** Member records of the committee, former members included. */
  async countIn(tx: Tx, committeeId: number): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM members WHERE committee_id = $1`, [committeeId]);
    return n;
  }

  async check(tx: Tx, { source, target }: CommitteeMerge): Promise<void> {
    const [{ n: members }]: { n: number }[] = await tx.query(
      `SELECT count(*)::int AS n FROM members WHERE committee_id = $1 AND end_state IS NULL`,
      [source.id],
    );
    if (members > 0 && !holdsMembers(target.kind)) {
      throw CommitteeErrors.mergeTargetKind(
        `${source.name} has ${members} current member(s); members belong to a branch or a grassroots organisation`,
      );
    }
  }

  async move(tx: Tx, { source, target, mergedOn, reason, principal }: CommitteeMerge): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(
      `WITH moved AS (
           UPDATE members SET committee_id = $2, updated_at = now()
            WHERE committee_id = $1 AND end_state IS NULL
           RETURNING id
         ), recorded AS (
           INSERT INTO member_transfers (member_id, from_committee_id, to_committee_id, transferred_on, kind, reason, actor_id)
           SELECT id, $1, $2, $3::date, 'restructuring', $4, $5::uuid FROM moved
           RETURNING 1
         ) SELECT count(*)::int AS n FROM recorded`,
      [source.id, target.id, mergedOn, reason, principal.id],
    );
    return n;
  }
}
