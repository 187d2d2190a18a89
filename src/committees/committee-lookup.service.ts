import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { Committee } from './committee.entity.js';
import { CommitteeLookupRepository } from './committee-lookup.repository.js';

/**
 * Committees by id for the modules above, unscoped: the caller already holds a row of its own
 * that is in scope and refers to the committee (a correction request's branch, a member's
 * branch). Never for an id taken from a request: that is CommitteesService.findInScope.
 * (Added by the self-service refactor, in its own file so that it merges beside CommitteesService.)
 */
@Injectable()
export class CommitteeLookupService {
  constructor(private readonly committees: CommitteeLookupRepository) {}

  byId(tx: Tx, id: number): Promise<Committee | null> {
    return this.committees.byId(tx, id);
  }

  /** The committees from the root of the tree down to `committeeId`, inclusive (id, name, kind). */
  chainTo(tx: Tx, committeeId: number): Promise<Committee[]> {
    return this.committees.chainTo(tx, committeeId);
  }
}
