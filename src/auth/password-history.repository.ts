import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { PasswordHistoryEntry } from './password-history.entity.js';

/** The SQL of the replaced password hashes (table password_history, password-history.entity.ts). */
@Injectable()
export class PasswordHistoryRepository {
  /** The account's last `count` replaced hashes, newest first. */
  recent(tx: Tx, userId: string, count: number): Promise<PasswordHistoryEntry[]> {
    return tx.getRepository(PasswordHistoryEntry).find({
      where: { userId },
      order: { replacedAt: 'DESC' },
      take: count,
    });
  }

  /** Keeps a replaced hash and forgets all but the account's `keep` newest. */
  async add(tx: Tx, userId: string, replacedHash: string, keep: number): Promise<void> {
    await tx.insert(PasswordHistoryEntry, { userId, passwordHash: replacedHash });
    await tx.query(
      `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (
         SELECT id FROM password_history WHERE user_id = $1 ORDER BY replaced_at DESC, id LIMIT $2)`,
      [userId, keep],
    );
  }
}
