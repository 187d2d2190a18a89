import type { EntityManager } from 'typeorm';
import { PasswordHistoryEntry } from './password-history.entity.js';
import { passwordMatchesHash } from './passwords.js';

/** A new password must differ from the current one and from this many before it. */
export const PASSWORD_HISTORY_SIZE = 3;

/**
 * True when `candidate` is the account's current password or one of its last PASSWORD_HISTORY_SIZE
 * (each compared with argon2 verify: the hashes are salted, so there is no other way).
 */
export async function isReusedPassword(m: EntityManager, user: { id: string; passwordHash: string }, candidate: string): Promise<boolean> {
  if (await passwordMatchesHash(user.passwordHash, candidate)) return true;
  const previous = await m.getRepository(PasswordHistoryEntry).find({
    where: { userId: user.id },
    order: { replacedAt: 'DESC' },
    take: PASSWORD_HISTORY_SIZE,
  });
  for (const entry of previous) {
    if (await passwordMatchesHash(entry.passwordHash, candidate)) return true;
  }
  return false;
}

/**
 * Keeps the hash a password change or a reset by staff replaces, and forgets the ones older than
 * the last PASSWORD_HISTORY_SIZE. Call it in the transaction that writes the new hash.
 */
export async function rememberReplacedPassword(m: EntityManager, userId: string, replacedHash: string): Promise<void> {
  await m.insert(PasswordHistoryEntry, { userId, passwordHash: replacedHash });
  await m.query(
    `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (
       SELECT id FROM password_history WHERE user_id = $1 ORDER BY replaced_at DESC, id LIMIT $2)`,
    [userId, PASSWORD_HISTORY_SIZE],
  );
}
