import { describe, expect, it } from '@jest/globals';
import { commonPasswords, isCommonPassword } from './common-passwords.js';
import { passwordProblem } from './password-policy.js';

describe('the common-passwords list', () => {
  it('ships at least 10,000 of the most common passwords', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    for (const p of ['123456', 'password', 'qwerty', 'iloveyou', '1qaz2wsx', 'matkhau']) expect(list.has(p)).toBe(true);
  });

  it('finds listed passwords in any case, with digits or symbols around them, with diacritics or spacing inside', () => {
    for (const p of [
      'Password',
      'PASSWORD123',
      'qwerty2025!',
      '!!Monkey!!',
      '123456789',
      'Mật khẩu',
      'mat.khau.2025',
      'Sổ Tay 2025',
      'Đảng viên!',
    ]) {
      expect({ p, common: isCommonPassword(p) }).toEqual({ p, common: true });
    }
  });

  it('does not flag passphrases and random strings', () => {
    for (const p of ['Chi-bo-Dong-Ke-hop-thu-5', 'Kx7p-Qm3d-Wa9r', 'ngay mai troi lai sang', 'SoTay@2025-demo', '9384756102']) {
      expect({ p, common: isCommonPassword(p) }).toEqual({ p, common: false });
    }
  });
});

describe('passwordProblem', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('Chi-bo-Dong-Ke-hop-thu-5', 'bithu.dongke')).toBeNull();
  });

  it('wants at least 10 characters (counted as characters, not bytes)', () => {
    expect(passwordProblem('Ngắn-1!x', 'a.b')).toMatch(/at least 10/);
    expect(passwordProblem('Đảng-ủy-xã-9', 'a.b')).toBeNull();
  });

  it('refuses the username inside it, in any case', () => {
    expect(passwordProblem('xx-BiThu.DongKe-2025', 'bithu.dongke')).toMatch(/username/);
  });

  it('refuses repetitions and common passwords', () => {
    expect(passwordProblem('abababababab', 'a.b')).toMatch(/too few/);
    expect(passwordProblem('Password2025!', 'a.b')).toMatch(/most common/);
    expect(passwordProblem('1q2w3e4r5t', 'a.b')).toMatch(/most common/);
  });
});
