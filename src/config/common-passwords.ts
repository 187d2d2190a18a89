import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The list of the most common passwords shipped with the project (common-passwords.txt beside
 * this file: 49,233 entries from zxcvbn's dictionary, licence in its header). It is read once, on
 * the first check, from src/config/ (tests) or, for the built server in dist/src/config/, from the
 * repository's src/config/.
 */
const FILE = 'common-passwords.txt';

function listPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  if (existsSync(join(dir, FILE))) return join(dir, FILE);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return join(dir, 'src', 'config', FILE);
}

/**
 * Words of this product and of its users' context that a password must not be (NIST SP 800-63B
 * §3.1.1.2: "context-specific words, such as the name of the service"). Compared without
 * diacritics, spaces or punctuation, after digits are taken off both ends: "Đảng viên 2025!" is
 * "dangvien".
 */
const CONTEXT_WORDS = [
  'sotay',
  'sotaydangvien',
  'sotaydientu',
  'dangvien',
  'dangcongsan',
  'dangcongsanvietnam',
  'dangbo',
  'chibo',
  'tinhuy',
  'huyenuy',
  'thainguyen',
  'matkhau',
  'matkhaumoi',
  'vietnam',
  'hochiminh',
  'admin',
  'quantri',
];

let list: Set<string> | undefined;

export function commonPasswords(): Set<string> {
  if (!list) {
    list = new Set<string>(CONTEXT_WORDS);
    for (const line of readFileSync(listPath(), 'utf8').split('\n')) {
      const word = line.trim();
      if (!word || word === '#' || word.startsWith('# ')) continue;
      list.add(word.toLowerCase());
    }
  }
  return list;
}

/** Digits, punctuation and spaces at either end: "Password2025!" → "Password", "!!abc123" → "abc". */
const stripEnds = (s: string) => s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** Lower-case, without diacritics (đ → d), keeping letters and digits only. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * True when the password is a common one, or one of them decorated the usual ways: any case,
 * with digits or punctuation added at the start or end ("Qwerty2025!", "123matkhau"), or with
 * diacritics, spaces and punctuation inside ("Mật khẩu", "pass.word").
 */
export function isCommonPassword(password: string): boolean {
  const words = commonPasswords();
  const lower = password.toLowerCase();
  const folded = fold(password);
  const candidates = [lower, stripEnds(lower), folded, folded.replace(/^[0-9]+|[0-9]+$/g, '')];
  return candidates.some((c) => c.length > 0 && words.has(c));
}
