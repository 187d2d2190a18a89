import argon2 from 'argon2';
import pLimit from 'p-limit';

/** argon2's defaults (m=64 MiB, t=3, p=4): every password a person chose. */
const DEFAULT_COST = { memoryCost: 65536, timeCost: 3 };

/**
 * Generated initial passwords only (accounts/initial-passwords.ts: ~70 random bits, replaced by a
 * default-cost hash at the first login). A random secret of that strength is out of reach of
 * guessing at any hash cost, while the default cost makes issuing the accounts of a 10,000-member
 * subtree take hours on a small server. Never use it for a password a person chose.
 */
const INITIAL_COST = { memoryCost: 4096, timeCost: 2, parallelism: 1 };

/**
 * Default-cost hashes and verifications in flight per process (PASSWORD_HASH_CONCURRENCY, set at
 * boot by AuthService). Each holds 64 MiB while it runs, and argon2 would otherwise run one per
 * libuv thread (four): a burst of logins added ~256 MB to the process (docs/scaling.md,
 * "Findings"). The rest of a burst waits its turn, which costs login latency, not memory.
 */
const passwordWork = pLimit(1);

export function setPasswordHashConcurrency(n: number): void {
  passwordWork.concurrency = n;
}

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4). */
export function hashPassword(password: string): Promise<string> {
  return passwordWork(() => argon2.hash(password, { type: argon2.argon2id }));
}

/** argon2id at a low cost, for a generated initial password only (see INITIAL_COST). */
export function hashInitialPassword(generatedPassword: string): Promise<string> {
  return argon2.hash(generatedPassword, { type: argon2.argon2id, ...INITIAL_COST });
}

/** m × t of an encoded argon2 hash (`$argon2id$v=19$m=4096,p=1,t=2$…`, in any order); Infinity when it cannot be read. */
export function hashCost(hash: string): number {
  const params = new Map((hash.split('$')[3] ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  const m = Number(params.get('m'));
  const t = Number(params.get('t'));
  return m > 0 && t > 0 ? m * t : Infinity;
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  let ok: boolean;
  try {
    ok =
      hashCost(hash) < DEFAULT_COST.memoryCost * DEFAULT_COST.timeCost
        ? await argon2.verify(hash, password)
        : await passwordWork(() => argon2.verify(hash, password));
  } catch {
    ok = false;
  }
  // A cheap initial-password hash verifies in a few ms: spend a default verification on top, so
  // that the time of a login does not tell such an account (not yet used) from others.
  if (hashCost(hash) < DEFAULT_COST.memoryCost * DEFAULT_COST.timeCost) await verifyAgainstDummy(password);
  return ok;
}

/**
 * Whether a password matches a hash, without verifyPassword's padding of cheap hashes: for checks
 * whose time tells nothing to the caller (a signed-in account's own password history).
 */
export async function passwordMatchesHash(hash: string, password: string): Promise<boolean> {
  try {
    return hashCost(hash) < DEFAULT_COST.memoryCost * DEFAULT_COST.timeCost
      ? await argon2.verify(hash, password)
      : await passwordWork(() => argon2.verify(hash, password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real verification, so an unknown username is not told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
