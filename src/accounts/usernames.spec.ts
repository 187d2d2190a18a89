import { describe, expect, it } from '@jest/globals';
import { USERNAME_PATTERN, usernameBase, usernameCandidate } from './usernames.js';

describe('generated usernames', () => {
  it('drop diacritics, spaces and punctuation, and read đ as d', () => {
    expect(usernameBase('Nguyễn Văn An')).toBe('nguyenvanan');
    expect(usernameBase('Đặng Thị Ánh Tuyết')).toBe('dangthianhtuyet');
    expect(usernameBase('  Hoàng  Văn-Thụ ')).toBe('hoangvanthu');
    expect(usernameBase('Lò Văn Giàng (B)')).toBe('lovangiangb');
  });

  it('never answer an empty base, and keep it short enough for the suffix', () => {
    expect(usernameBase('—')).toBe('dangvien');
    expect(usernameBase('Nguyễn '.repeat(20)).length).toBe(40);
  });

  it('add a number (4 digits, wider after repeated clashes) and match the username rule', () => {
    const first = usernameCandidate('nguyenvanan');
    expect(first).toMatch(/^nguyenvanan\.\d{4}$/);
    expect(usernameCandidate('nguyenvanan', 9)).toMatch(/^nguyenvanan\.\d{6}$/);
    expect(usernameCandidate('nguyenvanan', 20)).toMatch(/^nguyenvanan\.\d{8}$/);
    for (const name of ['Nguyễn Văn An', '—', 'Nguyễn '.repeat(20)]) {
      expect(usernameCandidate(usernameBase(name), 30)).toMatch(USERNAME_PATTERN);
    }
  });
});
