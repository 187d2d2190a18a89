import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import argon2 from 'argon2';
import { User } from '../../src/auth/user.entity.js';
import { CURRENT_COST, hashInitialPassword, hashPrefix, LEGACY_COST, legacyHashesExist } from '../../src/auth/passwords.js';
import { generateInitialPassword } from '../../src/accounts/initial-passwords.js';
import { createCommittee, createUser, login, TEST_PASSWORD } from '../factories/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Password hashes of two costs live side by side after the cost came down (src/auth/passwords.ts:
 * LEGACY_COST, upgraded at the next successful login, and CURRENT_COST), beside the cheap hashes of
 * initial passwords. A failed login must take the same time whichever an account holds, and the
 * same as an unknown username: else the time of a 401 tells who has an account. These are the
 * attacker's own measurement (the median of interleaved attempts, as seen by the client) and the CPU
 * work behind it, with wide tolerances: the gaps they guard against are 4–8× (a legacy check ~120 ms
 * of CPU, a current one ~17, an initial one ~4), not what a busy machine moves a median by.
 */
describe('login timing', () => {
  let t: TestApp;
  beforeAll(async () => {
    // many failed logins on purpose: neither the throttle nor the lockout may change the path they take
    t = await createTestApp({
      LOGIN_MAX_PER_USERNAME: '100000',
      LOGIN_MAX_PER_CLIENT: '100000',
      RATE_LIMIT_PUBLIC: '100000',
      LOCKOUT_THRESHOLD: '1000',
    });
  });
  afterAll(async () => t?.close());

  const postLogin = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });
  const storedHash = async (id: string) => (await t.db.getRepository(User).findOneByOrFail({ id })).passwordHash;
  const setHash = (id: string, passwordHash: string) => t.db.getRepository(User).update({ id }, { passwordHash });

  /**
   * The median wall time and the median CPU time (this process's: the app runs in it, argon2's
   * threads included) of a wrong-password login for each username, in interleaved rounds after one
   * warm-up round. Wall time is what an attacker measures; CPU time is the work behind it, which a
   * busy machine (load 10–15 on 2 cores while these tests run beside others) leaves nearly intact.
   */
  async function failedLogins(usernames: Record<string, string>, rounds = 11) {
    const wall: Record<string, number[]> = Object.fromEntries(Object.keys(usernames).map((k) => [k, []]));
    const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(usernames).map((k) => [k, []]));
    for (let r = 0; r <= rounds; r++) {
      // a different order each round: whatever the machine does meanwhile weighs on every case alike
      const order = Object.keys(usernames).sort(() => Math.random() - 0.5);
      for (const k of order) {
        const started = performance.now();
        const cpu0 = process.cpuUsage();
        await postLogin(usernames[k], 'Mat-khau-sai-hoan-toan-99').expect(401);
        const used = process.cpuUsage(cpu0);
        if (r === 0) continue;
        wall[k].push(performance.now() - started);
        cpu[k].push((used.user + used.system) / 1000);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const medians = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, xs]) => [k, Math.round(median(xs))]));
    return { wall: medians(wall), cpu: medians(cpu) };
  }

  /** Every case's median within [low, high] × the reference case's; the outliers are printed with every median. */
  const expectAlike = (medians: Record<string, number>, reference: string, low: number, high: number) => {
    const outliers = Object.entries(medians)
      .map(([k, ms]) => ({ case: k, share: Math.round((ms / medians[reference]) * 100) / 100 }))
      .filter((x) => x.share < low || x.share > high);
    expect({ outliers, medians }).toEqual({ outliers: [], medians });
  };

  /** The work alike within a third, the time as seen by the client within half: the gaps guarded against are 4–8×. */
  const expectNoOracle = (m: { wall: Record<string, number>; cpu: Record<string, number> }, reference: string) => {
    expectAlike(m.cpu, reference, 0.75, 1.33);
    expectAlike(m.wall, reference, 0.5, 2);
  };

  it('with every hash at the current cost: an unknown username, an account and one with its initial password fail alike', async () => {
    // AuthService looks at boot (in the background) whether any legacy hash is left: none in a new database
    for (let i = 0; i < 100 && legacyHashesExist(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(legacyHashesExist()).toBe(false);
    const committee = await createCommittee(t.db);
    const chosen = await createUser(t.db, 'member', committee);
    const initial = await createUser(t.db, 'member', committee, { mustChangePassword: true });
    await setHash(initial.id, await hashInitialPassword(generateInitialPassword()));

    expectNoOracle(await failedLogins({ chosen: chosen.username, initial: initial.username, unknown: 'khong.co.tai.khoan' }), 'chosen');
  });

  it('with legacy hashes left: an account on a legacy hash fails like an upgraded one, an initial one and an unknown username', async () => {
    const committee = await createCommittee(t.db);
    const legacy = await createUser(t.db, 'member', committee);
    await setHash(legacy.id, await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, ...LEGACY_COST }));
    const upgraded = await createUser(t.db, 'member', committee);
    const initial = await createUser(t.db, 'member', committee, { mustChangePassword: true });
    await setHash(initial.id, await hashInitialPassword(generateInitialPassword()));

    const measured = await failedLogins({
      legacy: legacy.username,
      upgraded: upgraded.username,
      initial: initial.username,
      unknown: 'cung.khong.co.tai.khoan',
    });
    // the first check of a legacy hash tells the process that some are left (the warm-up round did it)
    expect(legacyHashesExist()).toBe(true);
    expectNoOracle(measured, 'legacy');
  });

  it('upgrades a legacy hash at the next successful login, not at a failed one; the password keeps working', async () => {
    const user = await createUser(t.db, 'editor', await createCommittee(t.db));
    const old = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, ...LEGACY_COST });
    await setHash(user.id, old);

    await postLogin(user.username, 'Mat-khau-sai-hoan-toan-99').expect(401);
    expect(await storedHash(user.id)).toBe(old);

    await login(t.http, user);
    const upgraded = await storedHash(user.id);
    expect(upgraded.startsWith(hashPrefix(CURRENT_COST))).toBe(true);
    expect(await argon2.verify(upgraded, TEST_PASSWORD)).toBe(true);
    await login(t.http, user);
    expect(await storedHash(user.id)).toBe(upgraded);
    await postLogin(user.username, 'Mat-khau-sai-hoan-toan-99').expect(401);
  });

  it('leaves an initial password cheap at its login: the required change replaces it', async () => {
    const user = await createUser(t.db, 'member', await createCommittee(t.db), { mustChangePassword: true });
    const password = generateInitialPassword();
    const cheap = await hashInitialPassword(password);
    await setHash(user.id, cheap);
    const session = await login(t.http, { username: user.username, password });
    expect(session.user.mustChangePassword).toBe(true);
    expect(await storedHash(user.id)).toBe(cheap);
  });
});
