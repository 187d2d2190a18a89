import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/**
 * Modules above documents that attach stored files of their own (a meeting's uploaded agenda
 * papers) register a counter here in `onModuleInit`; a stored file is removed only when neither a
 * document nor any registered holder still uses it.
 */
export interface StoredFileHolder {
  readonly name: string;
  /** How many of its rows use the stored file, in the caller's transaction. */
  countUsing(tx: Tx, fileId: string): Promise<number>;
}

@Injectable()
export class StoredFileHolders {
  private readonly holders: StoredFileHolder[] = [];

  register(holder: StoredFileHolder): void {
    if (this.holders.some((h) => h.name === holder.name)) throw new Error(`stored-file holder ${holder.name} registered twice`);
    this.holders.push(holder);
  }

  /** Whether any registered holder still uses the file. */
  async anyUsing(tx: Tx, fileId: string): Promise<boolean> {
    for (const h of this.holders) if ((await h.countUsing(tx, fileId)) > 0) return true;
    return false;
  }
}
