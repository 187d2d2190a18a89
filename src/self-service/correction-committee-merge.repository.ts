import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommitteeDependents, type CommitteeMerge, type CommitteeMergeParticipant } from '../committees/committee-dependents.js';
import type { Tx } from '../database/transactions.js';

/**
 * Correction requests' part in a committee merge (`member_correction_requests`): the pending
 * requests of the members who move follow them to the target; decided ones stay as history.
 * Runs in the committees module's transaction, before the members move (they are found through them).
 */
@Injectable()
export class CorrectionCommitteeMerge implements CommitteeMergeParticipant, OnModuleInit {
  readonly name = 'pendingCorrections';
  /** Before the members (20): the requests are found through the members who are still in the merged committee. */
  readonly order = 10;

  constructor(private readonly dependents: CommitteeDependents) {}

  onModuleInit(): void {
    this.dependents.register(this);
  }

  async move(tx: Tx, { source, target }: CommitteeMerge): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(
      `WITH moved AS (
           UPDATE member_correction_requests r SET committee_id = $2
             FROM members mm
            WHERE r.member_id = mm.id AND r.committee_id = $1 AND r.status = 'pending'
              AND mm.committee_id = $1 AND mm.end_state IS NULL
           RETURNING 1
         ) SELECT count(*)::int AS n FROM moved`,
      [source.id, target.id],
    );
    return n;
  }
}
