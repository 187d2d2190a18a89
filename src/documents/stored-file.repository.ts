import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';

/**
 * The `stored_files` table: one row per set of bytes (by SHA-256), shared by every document that
 * attaches them. Documents are the only holders; the bytes themselves are in FileStorage.
 */
@Injectable()
export class StoredFileRepository {
  /**
   * The row of these bytes, created if new. The upsert locks the row (or waits for a concurrent
   * release of it to commit), so the bytes cannot be removed between the caller's existence check
   * and its commit.
   */
  async upsert(tx: Tx, file: { sha256: string; size: number; mime: string }): Promise<string> {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO stored_files (sha256, size, mime) VALUES ($1, $2, $3)
           ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
           RETURNING id`,
      [file.sha256, file.size, file.mime],
    );
    return row.id;
  }

  /** Locks the row for removal and answers its SHA-256 (null when it is gone already). */
  async lockForRemoval(tx: Tx, id: string): Promise<string | null> {
    const [row]: { sha256: string }[] = await tx.query(`SELECT sha256 FROM stored_files WHERE id = $1 FOR UPDATE`, [id]);
    return row?.sha256 ?? null;
  }

  /** The row by id (its hash, size and type), or null. */
  async byId(tx: Tx, id: string): Promise<{ sha256: string; size: number; mime: string } | null> {
    const [row]: { sha256: string; size: number; mime: string }[] = await tx.query(
      `SELECT sha256, size::int AS size, mime FROM stored_files WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.query(`DELETE FROM stored_files WHERE id = $1`, [id]);
  }
}
