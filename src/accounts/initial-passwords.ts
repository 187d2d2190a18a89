import { availableParallelism } from 'node:os';
import { randomInt } from 'node:crypto';
import { hashInitialPassword } from '../auth/passwords.js';

/** No 0/O/o, 1/l/I: the password is read off a printed sheet and typed on a phone. */
export const INITIAL_PASSWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A random initial password of 12 characters from a 55-character alphabet (~69 bits), written in
 * groups of four for reading aloud and typing: `Kx7p-Qm3d-Wa9r` (14 characters with the dashes).
 */
export function generateInitialPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += INITIAL_PASSWORD_ALPHABET[randomInt(INITIAL_PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/**
 * How many hashes run at once. argon2 works on libuv's thread pool (4 threads by default), which
 * file and DNS work share: keep one thread free for the rest of the server, and no more than cores.
 */
export const HASH_CONCURRENCY = Math.max(1, Math.min(3, availableParallelism()));

/** Hashes generated initial passwords with a bounded pool; the result is in the order given. */
export async function hashInitialPasswords(passwords: readonly string[], concurrency = HASH_CONCURRENCY): Promise<string[]> {
  const hashes = new Array<string>(passwords.length);
  let next = 0;
  const worker = async () => {
    while (next < passwords.length) {
      const i = next++;
      hashes[i] = await hashInitialPassword(passwords[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, passwords.length) }, worker));
  return hashes;
}
