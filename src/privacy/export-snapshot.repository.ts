import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/** The export's snapshot: the privacy module owns no table, only this statement on its transaction. */
@Injectable()
export class ExportSnapshotRepository {
  /** Makes the caller's transaction read-only (its first statement: the snapshot changes nothing). */
  async readOnly(tx: Tx): Promise<void> {
    await tx.query('SET TRANSACTION READ ONLY');
  }
}
