import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/** A correction request just decided, as the member is told of it. */
export interface DecidedCorrection {
  id: string;
  memberId: string;
  approved: boolean;
  note: string | null;
}

export type CorrectionDecidedListener = (tx: Tx, correction: DecidedCorrection) => Promise<void>;

/**
 * Tells the member that their correction request was decided (issue 17: "a correction request
 * decided"). Self-service sits below the notifications module (which reads the members' devices
 * here), so it does not import it: the notifications module registers a listener at start
 * (src/notifications/correction-notifications.ts), called inside the deciding transaction so the
 * notification commits with the decision. Without a listener, nothing is told.
 */
@Injectable()
export class CorrectionDecidedHook {
  private listener: CorrectionDecidedListener | null = null;

  register(listener: CorrectionDecidedListener): void {
    this.listener = listener;
  }

  async decided(tx: Tx, correction: DecidedCorrection): Promise<void> {
    if (this.listener) await this.listener(tx, correction);
  }
}
