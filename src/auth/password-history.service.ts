import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import { PasswordHistoryRepository } from './password-history.repository.js';
import { passwordMatchesHash } from './passwords.js';

/** A new password must differ from the current one and from this many before it. */
export const PASSWORD_HISTORY_SIZE = 3;

/** The hashes an account used before its current one: a new password may be none of them. */
@Injectable()
export class PasswordHistoryService {
  constructor(private readonly history: PasswordHistoryRepository) {}

  /**
   * True when `candidate` is the account's current password or one of its last PASSWORD_HISTORY_SIZE
   * (each compared with argon2 verify: the hashes are salted, so there is no other way).
   */
  async isReused(tx: Tx, user: { id: string; passwordHash: string }, candidate: string): Promise<boolean> {
    if (await passwordMatchesHash(user.passwordHash, candidate)) return true;
    const previous = await this.history.recent(tx, user.id, PASSWORD_HISTORY_SIZE);
    for (const entry of previous) {
      if (await passwordMatchesHash(entry.passwordHash, candidate)) return true;
    }
    return false;
  }

  /**
   * Keeps the hash a password change or a reset by staff replaces, and forgets the ones older than
   * the last PASSWORD_HISTORY_SIZE. Call it in the transaction that writes the new hash.
   */
  async remember(tx: Tx, userId: string, replacedHash: string): Promise<void> {
    await this.history.add(tx, userId, replacedHash, PASSWORD_HISTORY_SIZE);
  }
}
