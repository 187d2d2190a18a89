import argon2 from 'argon2';
import pLimit from 'p-limit';

export interface HashCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * Every password a person chooses: argon2id m = 12 MiB, t = 3, p = 1, one of the equivalent
 * configurations of OWASP's Password Storage Cheat Sheet (m = 46 MiB t = 1, 19 MiB t = 2, 12 MiB
 * t = 3, 9 MiB t = 4, 7 MiB t = 5, all p = 1). Chosen by measurement (bench/password-cost.ts;
 * docs/scaling.md, "Logins"): ~17 ms of CPU per check against ~120 ms at LEGACY_COST (6.8×; a whole
 * login ~6×). 46 MiB t = 1 saves only 3.4× (above glibc's 32 MiB mmap threshold every check maps
 * fresh memory and pays ~15 ms of page faults), 19 MiB t = 2 6.0× on the hash but ~5× on a login,
 * no margin; below 12 MiB a check saves ≤ 10% more CPU for half the memory an attacker must hold.
 */
export const CURRENT_COST: HashCost = { memoryCost: 12288, timeCost: 3, parallelism: 1 };

/**
 * argon2's defaults (m = 64 MiB, t = 3, p = 4), the cost of every chosen password until 2026-12.
 * Such a hash is replaced by one at CURRENT_COST at the account's next successful login.
 */
export const LEGACY_COST: HashCost = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

/**
 * Generated initial passwords only (accounts/initial-passwords.ts: ~70 random bits, replaced by a
 * current-cost hash at the required first-login change). A random secret of that strength is out
 * of reach of guessing at any hash cost, while the full cost makes issuing the accounts of a
 * 10,000-member subtree slow on a small server. Never use it for a password a person chose.
 */
export const INITIAL_COST: HashCost = { memoryCost: 4096, timeCost: 2, parallelism: 1 };

const costOf = (c: HashCost) => c.memoryCost * c.timeCost;

/** How an encoded argon2id hash of this cost begins (`$argon2id$v=19$m=12288,t=3,p=1$`), as the argon2 package writes it. */
export const hashPrefix = (c: HashCost) => `$argon2id$v=19$m=${c.memoryCost},t=${c.timeCost},p=${c.parallelism}$`;

/**
 * Current-cost hashes and checks in flight per process (PASSWORD_HASH_CONCURRENCY, set at boot by
 * AuthService); argon2 would otherwise run one per libuv thread (four). The rest of a burst waits
 * its turn, which costs login latency, not memory (docs/scaling.md, "Findings").
 */
const passwordWork = pLimit(1);

export function setPasswordHashConcurrency(n: number): void {
  passwordWork.concurrency = n;
}

/** argon2id at CURRENT_COST: every password a person chose. */
export function hashPassword(password: string): Promise<string> {
  return passwordWork(() => argon2.hash(password, { type: argon2.argon2id, ...CURRENT_COST }));
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

/** Below the current cost: a generated initial password's hash (INITIAL_COST). */
const isCheap = (hash: string) => hashCost(hash) < costOf(CURRENT_COST);
/** Above it: a hash made before the current cost (LEGACY_COST), or one that cannot be read. */
const isCostlier = (hash: string) => hashCost(hash) > costOf(CURRENT_COST);

/**
 * Whether a hash that just verified should be replaced by one at CURRENT_COST (AuthService does it
 * at a successful login). Not an initial password's cheap hash: the required first-login change
 * replaces that one.
 */
export function passwordNeedsUpgrade(hash: string): boolean {
  if (isCheap(hash)) return false;
  try {
    return argon2.needsRehash(hash, CURRENT_COST);
  } catch {
    return true;
  }
}

/**
 * Whether the users table may still hold hashes above the current cost (LEGACY_COST): until
 * AuthService has looked (at boot) it may; and it does as soon as one is checked (a restored backup).
 */
let legacyFound: boolean | undefined;
let legacySeen = false;

export function setLegacyHashesExist(exist: boolean): void {
  legacyFound = exist;
}

export function legacyHashesExist(): boolean {
  return legacySeen || legacyFound !== false;
}

/** A check through the gate (or beside it for a cheap hash): whether the password matches; false for a hash that cannot be read. */
async function check(hash: string, password: string): Promise<boolean> {
  const run = async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  };
  return isCheap(hash) ? run() : passwordWork(run);
}

/** The cost classes of the hashes an account may hold. */
type HashClass = 'initial' | 'current' | 'legacy';
const classOf = (hash: string): HashClass => (isCheap(hash) ? 'initial' : isCostlier(hash) ? 'legacy' : 'current');

/**
 * Whether the password matches the hash, in a time that tells nothing about the account.
 *
 * A failed check (a wrong password, an unknown username, a locked or inactive account: see
 * verifyAgainstDummy) spends the same argon2 work whatever the account holds: one check at each
 * cost an account may hold (INITIAL_COST, CURRENT_COST and, while some account may still hold one,
 * LEGACY_COST); the account's own hash is one of them and dummies make up the rest. The same work
 * on the same machine under the same load takes the same time, so an attacker cannot tell apart an
 * account still on a legacy hash, an upgraded one, one with its initial password and an unknown
 * username (test/e2e/login-timing.e2e-spec.ts). Padding with a timer instead would have to guess
 * how long a legacy check takes on this machine at this moment; the legacy check makes no guess,
 * and costs its CPU only on failures, and only while legacy hashes remain.
 *
 * A successful check spends only its own work: it tells the caller nothing they do not know.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const ok = await check(hash, password);
  if (isCostlier(hash)) legacySeen = true;
  if (ok) return true;
  await spendFailure(classOf(hash));
  return false;
}

/**
 * Whether a password matches a hash, without verifyPassword's evening out of failures: for checks
 * whose time tells nothing to the caller (a signed-in account's own password history).
 */
export function passwordMatchesHash(hash: string, password: string): Promise<boolean> {
  return check(hash, password);
}

const DUMMY_PASSWORD = 'dummy-password-for-timing';
const dummies: Record<HashClass, Promise<string> | undefined> = { initial: undefined, current: undefined, legacy: undefined };
const dummy = (c: HashClass): Promise<string> =>
  (dummies[c] ??=
    c === 'initial'
      ? hashInitialPassword(DUMMY_PASSWORD)
      : c === 'current'
        ? hashPassword(DUMMY_PASSWORD)
        : passwordWork(() => argon2.hash(DUMMY_PASSWORD, { type: argon2.argon2id, ...LEGACY_COST })));

/** The classes a failure spends a check of: the legacy one while legacy hashes may exist. */
const failureClasses = (): HashClass[] => (legacyHashesExist() ? ['initial', 'current', 'legacy'] : ['initial', 'current']);

/** Makes the dummy hashes a failure will need (at boot: the first failed login then costs no more than the others). */
export async function prepareDummies(): Promise<void> {
  for (const c of failureClasses()) await dummy(c);
}

/** The rest of a failure's work, after the account's own check (`spent`: its class, or none). */
async function spendFailure(spent: HashClass | 'none'): Promise<void> {
  for (const c of failureClasses()) if (c !== spent) await check(await dummy(c), 'x');
}

/** Spends the same time as a failed check of a real account, so an unknown username is not told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  void password;
  await spendFailure('none');
  return false;
}
