import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from '../auth/auth.service.js';
import { hashCost, hashPassword, verifyPassword } from '../auth/passwords.js';
import { generateInitialPassword, hashInitialPasswords, INITIAL_PASSWORD_ALPHABET } from './initial-passwords.js';

describe('initial passwords', () => {
  it('are readable: groups of four, no 0/O/o/1/l/I, at least 12 random characters', () => {
    expect(INITIAL_PASSWORD_ALPHABET).not.toMatch(/[0Oo1lI]/);
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generateInitialPassword();
      expect(p).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{4}-[A-HJ-NP-Za-km-np-z2-9]{4}-[A-HJ-NP-Za-km-np-z2-9]{4}$/);
      expect(p.replace(/-/g, '').length).toBeGreaterThanOrEqual(12);
      expect(passwordProblem(p, 'nguyenvanan.1234')).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });

  it('are hashed in a bounded pool, each hash matching its password and in order', async () => {
    const passwords = Array.from({ length: 7 }, generateInitialPassword);
    const hashes = await hashInitialPasswords(passwords, 3);
    expect(hashes).toHaveLength(7);
    expect(new Set(hashes).size).toBe(7);
    for (let i = 0; i < passwords.length; i++) {
      expect(hashes[i]).toMatch(/^\$argon2id\$v=19\$/);
      expect(hashes[i]).toMatch(/[$,]m=4096[,$]/);
      expect(hashes[i]).toMatch(/[$,]t=2[,$]/);
      expect(hashes[i]).toMatch(/[$,]p=1[,$]/);
      expect(await verifyPassword(hashes[i], passwords[i])).toBe(true);
    }
    expect(await verifyPassword(hashes[0], passwords[1])).toBe(false);
    expect(await hashInitialPasswords([])).toEqual([]);
  });

  it('are told apart from chosen passwords by their hash cost, so that login pads their verification', async () => {
    const [initial] = await hashInitialPasswords([generateInitialPassword()]);
    const chosen = await hashPassword('Mat-khau-tu-chon-2025');
    expect(hashCost(chosen)).toBe(12288 * 3);
    expect(hashCost(initial)).toBe(4096 * 2);
    expect(hashCost('not a hash')).toBe(Infinity);
  });
});
