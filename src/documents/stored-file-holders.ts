import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/**
 * Modules above documents that attach library documents or stored files of their own (a meeting's
 * agenda: documents sent ahead, uploaded papers) register here in `onModuleInit`: a stored file is
 * removed only when neither a document nor any registered holder still uses it, and a document a
 * holder still attaches is not deleted (409 DOCUMENT_IN_USE).
 */
export interface StoredFileHolder {
  readonly name: string;
  /** How many of its rows use the stored file, in the caller's transaction. */
  countUsing(tx: Tx, fileId: string): Promise<number>;
  /** How many of its rows attach the library document, in the caller's transaction. */
  countUsingDocument(tx: Tx, documentId: string): Promise<number>;
}

@Injectable()
export class StoredFileHolders {
  private readonly holders: StoredFileHolder[] = [];

  register(holder: StoredFileHolder): void {
    if (this.holders.some((h) => h.name === holder.name)) throw new Error(`stored-file holder ${holder.name} registered twice`);
    this.holders.push(holder);
  }

  /** How many rows of each holder attach the document, by holder name (holders with none left out). */
  async usingDocument(tx: Tx, documentId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const h of this.holders) {
      const n = await h.countUsingDocument(tx, documentId);
      if (n > 0) out[h.name] = n;
    }
    return out;
  }

  /** Whether any registered holder still uses the file. */
  async anyUsing(tx: Tx, fileId: string): Promise<boolean> {
    for (const h of this.holders) if ((await h.countUsing(tx, fileId)) > 0) return true;
    return false;
  }
}
