import { isCommonPassword } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 10;
/** Fewer different characters than this ("aaaaaaaaaa", "1212121212") is a pattern, not a password. */
const MIN_DISTINCT_CHARACTERS = 5;

/**
 * THE password policy, for every password a person sets (own change, a staff account created with
 * a password, a member account with a chosen password, ADMIN_PASSWORD at boot); null when
 * acceptable. Generated initial passwords pass it too (initial-passwords.spec.ts).
 * After NIST SP 800-63B: a minimum length and a blocklist, no composition rules.
 */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `The password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'The password must not contain the username';
  if (new Set(password.toLowerCase()).size < MIN_DISTINCT_CHARACTERS)
    return 'The password repeats too few characters; choose a longer phrase';
  if (isCommonPassword(password))
    return 'The password is one of the most common passwords (or one with digits or symbols added); choose another';
  return null;
}
