import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/principal.js';
import type { Tx } from '../database/transactions.js';
import type { Committee } from './committee.entity.js';

/** A merge under way (committee `source` into committee `target`), as its participants see it. */
export interface CommitteeMerge {
  source: Committee;
  target: Committee;
  /** The day the merge took effect (YYYY-MM-DD). */
  mergedOn: string;
  reason: string | null;
  principal: Principal;
}

/**
 * What a module above committees keeps in a committee (members, accounts, correction requests),
 * made known to the committees module without it importing that module: the module registers a
 * participant in `onModuleInit` and the committees module calls it inside its own transaction.
 */
export interface CommitteeMergeParticipant {
  /** The name its rows are counted under: in a delete's refusal and in a merge's counts (`members`, `accounts`). */
  readonly name: string;
  /**
   * Participants run in ascending order, checks first, then moves. A part whose rows are found
   * through another part's rows runs before it (the pending corrections of the members who move,
   * before the members move).
   */
  readonly order: number;
  /** How many of its rows still belong to the committee; a delete is refused while any do. Omitted: it never holds a delete back. */
  countIn?(tx: Tx, committeeId: number): Promise<number>;
  /** Throws (the merge's own errors) when the target cannot take what it keeps in the source; runs before anything moves. */
  check?(tx: Tx, merge: CommitteeMerge): Promise<void>;
  /** Moves its rows from the source to the target; answers how many moved. */
  move(tx: Tx, merge: CommitteeMerge): Promise<number>;
}

/** The registry of participants: filled by the modules above at start-up, read by deletes and merges. */
@Injectable()
export class CommitteeDependents {
  private readonly participants: CommitteeMergeParticipant[] = [];

  register(participant: CommitteeMergeParticipant): void {
    if (this.participants.some((p) => p.name === participant.name))
      throw new Error(`committee participant ${participant.name} registered twice`);
    this.participants.push(participant);
    this.participants.sort((a, b) => a.order - b.order);
  }

  /** Every participant, in order. */
  all(): readonly CommitteeMergeParticipant[] {
    return this.participants;
  }

  /** How many rows of each participant still belong to the committee (those that count, by name). */
  async countIn(tx: Tx, committeeId: number): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const p of this.participants) if (p.countIn) counts[p.name] = await p.countIn(tx, committeeId);
    return counts;
  }
}
