import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { Committee } from './committee.entity.js';

/**
 * Committee rows that other modules read by id, whatever the caller's scope (they reached the id
 * through a scoped row of their own). (Added by the self-service refactor; fold into the
 * committees repository when they meet.)
 */
@Injectable()
export class CommitteeLookupRepository {
  byId(tx: Tx, id: number): Promise<Committee | null> {
    return tx.findOneBy(Committee, { id });
  }

  /** The committees from the root down to `committeeId`, inclusive: the ancestors on its ltree path. */
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
